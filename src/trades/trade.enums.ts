import { registerEnumType } from 'type-graphql';
import type { TradeKindName } from '../auth/policy';

export enum TradeKind {
  ORDER = 'ORDER',
  CONTRACT = 'CONTRACT',
  DELIVERY = 'DELIVERY',
  PAYMENT = 'PAYMENT',
  RETURN = 'RETURN',
}
/** The policy grants trade rights by kind name: both lists must be the same (a compile error otherwise). */
export const TRADE_KINDS_MATCH_POLICY: [`${TradeKind}`, TradeKindName] extends [TradeKindName, `${TradeKind}`]
  ? true
  : never = true;
export enum PaymentMethod {
  CASH = 'CASH',
  CREDIT = 'CREDIT',
}
export enum PaymentStatus {
  UNPAID = 'UNPAID',
  PARTIAL = 'PARTIAL',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
}

registerEnumType(TradeKind, {
  name: 'TradeKind',
  description: '订单 ORDER, 合同 CONTRACT, 提货 DELIVERY, 回款 PAYMENT, 退货 RETURN',
});
registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: "Paid in cash (现款) or on credit (赊账); orders on credit are held to the customer's credit limit",
});
registerEnumType(PaymentStatus, { name: 'PaymentStatus', description: 'Where the payment for a trade stands' });

import { defineWhere } from '../auth/where/where';
import { Trade } from './trade.entity';
import { PaymentMethod, PaymentStatus, TradeKind } from './trade.enums';

export const TradeWhere = defineWhere({
  type: 'Trade',
  entity: Trade,
  fields: {
    tradeNo: { property: 'tradeNo', kind: 'string' },
    kind: { property: 'kind', kind: 'enum', enum: { type: TradeKind, name: 'TradeKind' } },
    occurredAt: { property: 'occurredAt', kind: 'datetime' },
    amount: { property: 'amount', kind: 'decimal' },
    product: { property: 'product', kind: 'string' },
    quantity: { property: 'quantity', kind: 'int' },
    paymentMethod: { property: 'paymentMethod', kind: 'enum', enum: { type: PaymentMethod, name: 'PaymentMethod' } },
    paymentStatus: { property: 'paymentStatus', kind: 'enum', enum: { type: PaymentStatus, name: 'PaymentStatus' } },
    dueAt: { property: 'dueAt', kind: 'datetime' },
    defaulted: { property: 'defaulted', kind: 'boolean' },
    sample: { property: 'sample', kind: 'boolean' },
    handler: { property: 'handlerId', kind: 'id', idType: 'User' },
    cancelledAt: { property: 'cancelledAt', kind: 'datetime' },
    createdAt: { property: 'createdAt', kind: 'datetime' },
    updatedAt: { property: 'updatedAt', kind: 'datetime' },
  },
  relations: { customer: { type: 'Customer', cardinality: 'one', foreignKey: 'customerId' } },
});

import { registerEnumType } from 'type-graphql';

export enum VisitKind {
  VISIT = 'VISIT',
  PHONE_CALL = 'PHONE_CALL',
  EMAIL = 'EMAIL',
  WECHAT = 'WECHAT',
  MEETING = 'MEETING',
  GREETING = 'GREETING',
}

registerEnumType(VisitKind, {
  name: 'VisitKind',
  description: 'Kind of touch: 拜访 VISIT, 电话 PHONE_CALL, EMAIL, WECHAT, MEETING, 节日问候/生日祝福 GREETING',
});

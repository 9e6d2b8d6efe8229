import { registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
  UNDISCLOSED = 'UNDISCLOSED',
}
export enum ContactRole {
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
  PRINCIPAL = 'PRINCIPAL',
  MAIN_CONTACT = 'MAIN_CONTACT',
  MAINTENANCE_CONTACT = 'MAINTENANCE_CONTACT',
  OTHER = 'OTHER',
}

registerEnumType(Gender, {
  name: 'Gender',
  description: 'UNDISCLOSED when the person did not say or it was not recorded',
});
registerEnumType(ContactRole, {
  name: 'ContactRole',
  description:
    '法定代表人 LEGAL_REPRESENTATIVE, 负责人 PRINCIPAL, 主要联系人 MAIN_CONTACT, 维护联系人 MAINTENANCE_CONTACT',
});

import { defineWhere } from '../auth/where/where';
import { Contact } from './contact.entity';
import { ContactRole, Gender } from './contact.enums';

/** Conditions on personal data (name, phone, mobile, email) are for roles that read it in full. */
export const ContactWhere = defineWhere({
  type: 'Contact',
  entity: Contact,
  fields: {
    name: { property: 'name', kind: 'string' },
    gender: { property: 'gender', kind: 'enum', enum: { type: Gender, name: 'Gender' } },
    title: { property: 'title', kind: 'string' },
    role: { property: 'role', kind: 'enum', enum: { type: ContactRole, name: 'ContactRole' } },
    phone: { property: 'phone', kind: 'string' },
    mobile: { property: 'mobile', kind: 'string' },
    email: { property: 'email', kind: 'string' },
    isPrimary: { property: 'isPrimary', kind: 'boolean' },
    createdAt: { property: 'createdAt', kind: 'datetime' },
    updatedAt: { property: 'updatedAt', kind: 'datetime' },
  },
  relations: { customer: { type: 'Customer', cardinality: 'one', foreignKey: 'customerId' } },
});

import { Field, ObjectType } from 'type-graphql';
import { personalNote } from '../auth/fields';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { Customer } from '../customers/customer.entity';
import { DateColumn, EnumColumn, TextColumn, TimeColumn } from '../db/columns';
import { ContactRole, Gender } from './contact.enums';
import { ClassAArchiveColumn } from '../auth/row-scope';

const opt = { nullable: true } as const;

/**
 * A person at a customer (联系人). Birthday, hometown, education, hobbies and family are
 * personal data under PIPL: recorded with the person's consent (consentPurpose, consentAt).
 */
@ObjectType({ implements: Node, simpleResolvers: true, description: 'A contact person of a customer (联系人).' })
@Entity()
// Each list order, per customer (Customer.contacts, one window statement) and overall;
// the per-customer ones also serve the customer_id foreign key.
@Index(['customerId', 'name', 'id'])
@Index(['customerId', 'createdAt', 'id'])
@Index(['customerId', 'updatedAt', 'id'])
@Index(['name', 'id'])
@Index(['createdAt', 'id'])
@Index(['updatedAt', 'id'])
// upcomingBirthdays: an index range of month and day.
@Index(['birthdayKey', 'id'])
export class Contact extends BaseRecord {
  @Column({ type: 'int' }) customerId: number;
  /** Its customer's archive number if that archive is A-class: what the read audit records. Never in the API. */
  @ClassAArchiveColumn() classAArchiveNo: string | null;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'customer_id' }) customerRow?: Customer;

  @Field(() => String, { ...opt, description: personalNote('姓名') }) @TextColumn(64) name: string;
  @Field(() => Gender, { ...opt, description: personalNote('性别') })
  @EnumColumn({ default: Gender.UNDISCLOSED })
  gender: Gender;
  @Field(() => String, { ...opt, description: '职务' }) @TextColumn(64, opt) title: string | null;
  @Field(() => ContactRole) @EnumColumn({ default: ContactRole.OTHER }) role: ContactRole;
  @Field(() => String, { ...opt, description: personalNote('Office phone with area code') })
  @TextColumn(32, opt)
  phone: string | null;
  @Field(() => String, { ...opt, description: personalNote('手机') }) @TextColumn(20, opt) mobile: string | null;
  @Field(() => String, { ...opt, description: personalNote('Email') }) @TextColumn(128, opt) email: string | null;
  @Field(() => String, { ...opt, description: personalNote('微信号') }) @TextColumn(64, opt) wechat: string | null;
  @Field(() => String, { ...opt, description: personalNote('传真') }) @TextColumn(32, opt) fax: string | null;
  @Field(() => Boolean, { description: "The customer's primary contact; at most one per customer." })
  @Column({ type: 'boolean', default: false })
  isPrimary: boolean;

  // ── personal data (PIPL) ──
  @Field(() => String, { ...opt, description: personalNote('出生年月日 (YYYY-MM-DD); year only when masked') })
  @DateColumn()
  birthday: string | null;
  @Field(() => String, { ...opt, description: personalNote('籍贯; hidden when masked') })
  @TextColumn(64, opt)
  hometown: string | null;
  @Field(() => String, { ...opt, description: personalNote('学历; hidden when masked') })
  @TextColumn(32, opt)
  education: string | null;
  @Field(() => String, { ...opt, description: personalNote('兴趣爱好; hidden when masked') })
  @TextColumn(255, opt)
  hobbies: string | null;
  @Field(() => String, { ...opt, description: personalNote('家庭情况; hidden when masked') })
  @TextColumn(500, opt)
  family: string | null;
  @Field(() => String, {
    ...opt,
    description: personalNote('What the person agreed their data may be used for (个人信息保护法)'),
  })
  @TextColumn(255, opt)
  consentPurpose: string | null;
  @Field(() => Date, { ...opt, description: personalNote('When the person gave that consent') })
  @TimeColumn(opt)
  consentAt: Date | null;
  @Field(() => Boolean, {
    ...opt,
    description: personalNote(
      'The person agreed to be contacted for marketing (greetings, offers); needs consentPurpose and consentAt, and a GREETING to the person needs it',
    ),
  })
  @Column({ type: 'boolean', default: false })
  marketingConsent: boolean;
  /** The birthday as month × 100 + day, kept with it: what upcomingBirthdays ranges over. */
  @Column({ type: 'int', nullable: true }) birthdayKey: number | null;
}

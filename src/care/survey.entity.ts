import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { Contact } from '../contacts/contact.entity';
import { ClassAArchiveColumn } from '../auth/row-scope';
import { Customer } from '../customers/customer.entity';
import { TextColumn, TimeColumn } from '../db/columns';
import { User } from '../users/user.entity';
import { SurveyQuestion } from './survey.enums';

const opt = { nullable: true } as const;

@ObjectType({ description: 'The score one question of a survey got, 1 (very dissatisfied) to 5 (very satisfied).' })
export class SurveyScore {
  @Field(() => SurveyQuestion) question: SurveyQuestion;
  @Field(() => Int) score: number;
}

/**
 * One satisfaction survey of a customer (满意度调查), as customer service recorded it, and
 * the corrective action taken when it came back low (纠正预防措施, seed 000 六.4). Only the
 * latest survey of a customer speaks for it now: a later survey replaces it in lowSatisfaction.
 */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A satisfaction survey of a customer (满意度调查) and the corrective action it led to.',
})
@Entity()
@Index(['customerId', 'surveyedAt', 'id'])
// lowSatisfaction: the latest surveys without corrective action, oldest first.
@Index(['latest', 'surveyedAt', 'id'])
export class Survey extends BaseRecord {
  @Column({ type: 'int' }) customerId: number;
  /** Its customer's archive number if that archive is A-class: what the read audit records. Never in the API. */
  @ClassAArchiveColumn() classAArchiveNo: string | null;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'customer_id' }) customerRow?: Customer;

  /** Who answered; always a contact of the same customer. */
  @Index() @Column({ type: 'int', nullable: true }) contactId: number | null;
  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contact_id' }) contactRow?: Contact;

  /** The employee who recorded it; null when a service client (no employee) did. */
  @Index() @Column({ type: 'int', nullable: true }) userId: number | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'user_id' }) userRow?: User;

  @Field(() => Date, { description: 'When the customer answered' }) @TimeColumn() surveyedAt: Date;
  /** The answers as JSON: [{ "question": "PRICE", "score": 3 }, …] (Survey.scores). */
  @Column({ type: 'varchar', length: 500 }) scoresJson: string;
  @Field(() => Int, { description: 'The lowest score of the survey: what lowSatisfaction compares with its threshold' })
  @Column({ type: 'int' })
  lowestScore: number;
  @Field(() => String, { ...opt, description: '意见和建议' }) @TextColumn(2000, opt) comments: string | null;
  /** True for the customer's most recent survey (by surveyedAt), kept by the surveys service. */
  @Column({ type: 'boolean', default: false }) latest: boolean;

  @Field(() => String, {
    ...opt,
    description: '纠正预防措施: what was done about a low survey (recordCorrectiveAction)',
  })
  @TextColumn(1000, opt)
  correctiveAction: string | null;
  @Field(() => Date, { ...opt, description: 'When the corrective action was recorded' })
  @TimeColumn(opt)
  correctiveActionAt: Date | null;
  @Column({ type: 'int', nullable: true }) correctiveActionById: number | null;
}

import { User } from '../users/user.entity';
import { Customer } from '../customers/customer.entity';
import { AccessGrant } from '../grants/access-grant.entity';
import { PartnerKey } from '../partners/partner-key.entity';
import { ReadAudit } from '../audit/read-audit.entity';
import { Trade } from '../trades/trade.entity';
import { Contact } from '../contacts/contact.entity';
import { Complaint } from '../complaints/complaint.entity';
import { Visit } from '../visits/visit.entity';
import { ChangeEvent, ChangeSequence } from '../outbox/change-event.entity';
import { ArchiveNumberSequence } from '../customers/archive-number';
import { FormerName } from '../customers/former-name.entity';
import { CustomerNameGram } from '../customers/name-gram.entity';
import { Handover, HandoverItem } from '../handover/handover.entity';
import { ChangeHistory } from '../outbox/change-history.entity';
import { Destruction } from '../retention/destruction.entity';
import { CreditOverride } from '../credit/credit-override.entity';
import { CreditLimitRaise } from '../credit/credit-limit-raise.entity';
import { Survey } from '../care/survey.entity';
import { ExportRecord } from '../export/export-record.entity';
import { Webhook } from '../webhooks/webhook.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';

/** Every table the API maps; migrations must agree with exactly these (test/db/migrations.test.ts). */
export const ENTITIES = [
  PartnerKey,
  AccessGrant,
  ReadAudit,
  User,
  Customer,
  Trade,
  Contact,
  Complaint,
  Visit,
  ChangeEvent,
  ChangeSequence,
  ArchiveNumberSequence,
  FormerName,
  CustomerNameGram,
  Handover,
  HandoverItem,
  ChangeHistory,
  Destruction,
  CreditOverride,
  CreditLimitRaise,
  Survey,
  ExportRecord,
  Webhook,
  WebhookDelivery,
];

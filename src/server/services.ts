import { ReadAuditService } from '../audit/read-audit.service';
import { PartnerKeyService } from '../partners/partner-key.service';
import { DataSource } from 'typeorm';
import { CustomerService } from '../customers/customer.service';
import { UserService } from '../users/user.service';
import { TradeService } from '../trades/trade.service';
import { ContactService } from '../contacts/contact.service';
import { ComplaintService } from '../complaints/complaint.service';
import { VisitService } from '../visits/visit.service';
import { AccessGrantService } from '../grants/access-grant.service';
import { ChangeFeedService } from '../changes/change-feed.service';
import { localBus } from '../changes/change-bus';
import { ChangeRelay } from '../changes/relay';
import { credentialHolds } from '../auth/credential';
import type { Viewer } from '../auth/jwt';

/** One instance of each service per process; per-request state lives in the Context. `now` is the clock credentials are checked by. */
export function createServices(ds: DataSource, now: () => number = Date.now) {
  const customers = new CustomerService(ds);
  const contacts = new ContactService(ds, customers);
  const partnerKeys = new PartnerKeyService(ds);
  return {
    ds,
    users: new UserService(ds),
    customers,
    trades: new TradeService(ds, customers),
    contacts,
    complaints: new ComplaintService(ds, customers, contacts),
    visits: new VisitService(ds, customers, contacts),
    grants: new AccessGrantService(ds, customers),
    partnerKeys,
    readAudits: new ReadAuditService(ds),
    changeFeed: new ChangeFeedService(ds),
    /** Started by startApp; subscriptions listen on its bus. */
    relay: new ChangeRelay(ds, localBus()),
    /** Asked again by running subscriptions: an expired token or a revoked key ends them. */
    credentialHolds: (viewer: Viewer) => credentialHolds(viewer, (id) => partnerKeys.isActive(id), now()),
  };
}
export type Services = ReturnType<typeof createServices>;

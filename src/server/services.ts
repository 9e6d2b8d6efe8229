import { DataSource } from 'typeorm';
import { CustomerService } from '../customers/customer.service';
import { UserService } from '../users/user.service';

/** One instance of each service per process; per-request state lives in the Context. */
export function createServices(ds: DataSource) {
  return {
    ds,
    users: new UserService(ds),
    customers: new CustomerService(ds),
  };
}
export type Services = ReturnType<typeof createServices>;

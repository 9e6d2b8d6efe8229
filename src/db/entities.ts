import { User } from '../users/user.entity';
import { Customer } from '../customers/customer.entity';

/** Every table the API maps; migrations must agree with exactly these (test/db/migrations.test.ts). */
export const ENTITIES = [User, Customer];

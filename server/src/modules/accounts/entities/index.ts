import { DisplayToken } from './display-token.entity';
import { KnownDevice } from './known-device.entity';
import { UserSession } from './user-session.entity';
import { UserSite } from './user-site.entity';
import { User } from './user.entity';

export const ACCOUNT_ENTITIES = [User, UserSite, UserSession, DisplayToken, KnownDevice];

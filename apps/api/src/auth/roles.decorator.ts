import { SetMetadata } from '@nestjs/common';
import type { Role } from '@bvs/config';

export const ROLES_KEY = 'allowedRoles';

/** Roles allowed to call a route. Routes without it are open to every role. */
export const AllowRoles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

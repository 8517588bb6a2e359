export { createUser } from "./create-user";
export { deactivateUser, reactivateUser } from "./set-user-active";
export { listUsers, type UserListing } from "./list-users";
export { createUserSchema, userIdSchema, MIN_PASSWORD_LENGTH } from "./schema";

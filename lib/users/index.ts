export { createUser } from "./create-user";
export { deactivateUser, reactivateUser } from "./set-user-active";
export { listUsers, type UserListing } from "./list-users";
export { createUserSchema, userIdSchema, changePasswordSchema, resetPasswordSchema, MIN_PASSWORD_LENGTH } from "./schema";
export { changeOwnPassword, resetPassword } from "./change-password";

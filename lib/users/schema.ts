// One zod schema per user-admin request, shared by the admin form, its server action and tests.
// Messages name the field's rule in plain words.
import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const MIN_PASSWORD_LENGTH = 12;

export const createUserSchema = z.strictObject(
  {
    username: z
      .string({ error: "Username is required" })
      .trim()
      .toLowerCase()
      .min(3, "Username must be at least 3 characters")
      .max(50, "Username must be at most 50 characters")
      .regex(
        /^[a-z0-9][a-z0-9._-]*$/,
        "Username may use only letters, digits, dots, dashes and underscores, starting with a letter or digit",
      ),
    displayName: z
      .string({ error: "Display name is required" })
      .trim()
      .min(1, "Display name is required")
      .max(100, "Display name must be at most 100 characters"),
    role: z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(", ")}` }),
    password: z
      .string({ error: "Initial password is required" })
      .min(MIN_PASSWORD_LENGTH, `Initial password must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(200, "Initial password must be at most 200 characters"),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `is not a user field` : "Send the new user's details") },
);

export const userIdSchema = z.strictObject(
  { userId: z.string({ error: "User is required" }).min(1, "User is required").max(100, "User id is too long") },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `is not a user field` : "Name the user") },
);

const newPassword = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .min(MIN_PASSWORD_LENGTH, `${label} must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(200, `${label} must be at most 200 characters`);

/** A user changing their own password: the current one, and the new one typed twice. */
export const changePasswordSchema = z
  .strictObject(
    {
      currentPassword: z.string({ error: "Current password is required" }).min(1, "Current password is required").max(200),
      newPassword: newPassword("New password"),
      confirmPassword: z.string({ error: "Type the new password again" }).max(200),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `is not a password field` : "Send the passwords") },
  )
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ",
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "The new password must differ from the current one",
  });

/** An administrator's reset: a temporary password the user must replace at their next sign-in. */
export const resetPasswordSchema = z.strictObject(
  {
    userId: z.string({ error: "User is required" }).min(1, "User is required").max(100, "User id is too long"),
    temporaryPassword: newPassword("Temporary password"),
  },
  {
    error: (issue) => (issue.code === "unrecognized_keys" ? `is not a reset field` : "Name the user and the temporary password"),
  },
);

namespace OrleansRides.GrainInterfaces.Errors;

public static partial class ErrorCodes
{
    // Accounts, sign-in sessions, anonymous sessions and subscriptions.

    /// <summary>409: an account with this email exists; log in instead.</summary>
    [ErrorStatus(409)] public const string EmailTaken = "EMAIL_TAKEN";

    /// <summary>401: the email or password is wrong.</summary>
    [ErrorStatus(401)] public const string InvalidCredentials = "INVALID_CREDENTIALS";

    /// <summary>403: the account was deactivated by an admin.</summary>
    [ErrorStatus(403)] public const string AccountInactive = "ACCOUNT_INACTIVE";

    /// <summary>404: no user has that id.</summary>
    [ErrorStatus(404)] public const string UserNotFound = "USER_NOT_FOUND";

    /// <summary>401: the refresh token is unknown, malformed or its session has expired.</summary>
    [ErrorStatus(401)] public const string InvalidRefreshToken = "INVALID_REFRESH_TOKEN";

    /// <summary>401: the refresh token was already rotated; its whole sign-in session was revoked as stolen.</summary>
    [ErrorStatus(401)] public const string RefreshTokenReused = "REFRESH_TOKEN_REUSED";

    /// <summary>401: the sign-in session was signed out, logged out, or ended by an admin.</summary>
    [ErrorStatus(401)] public const string SessionRevoked = "SESSION_REVOKED";

    /// <summary>404: no such session of the caller (a sign-in session, or an anonymous catalog session that expired).</summary>
    [ErrorStatus(404)] public const string SessionNotFound = "SESSION_NOT_FOUND";

    /// <summary>404: no digest subscription has that id or token.</summary>
    [ErrorStatus(404)] public const string SubscriptionNotFound = "SUBSCRIPTION_NOT_FOUND";

    /// <summary>503: the confirmation mail could not be sent; try again later.</summary>
    [ErrorStatus(503)] public const string MailUnavailable = "MAIL_UNAVAILABLE";
}

using OrleansRides.Catalog;
using OrleansRides.GrainInterfaces.Errors;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrleansRides.FrontendHost.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Text;
using OrleansRides.Lounges.Jobs;
using OrleansRides.Lounges.SignIn;

namespace OrleansRides.FrontendHost.Auth;

/// <summary>Accounts and tokens: <c>/api/v1/auth</c> (signup, login, logout, me), sign-in sessions and refresh
/// (<see cref="SignInSessionsApi"/>), the admin's user endpoints (<see cref="AdminUsersApi"/>),
/// JWT bearer authentication for REST and for hubs (<c>access_token</c> query on <c>/hubs/*</c>), the role policies of
/// <see cref="Roles"/>, and the first admin from <c>ADMIN_EMAIL</c>/<c>ADMIN_PASSWORD</c>.</summary>
public static class AuthApi
{
    private const string SignupPolicy = "signup";

    /// <summary>Registers authentication, authorization and the account services.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.SigningKey) || o.SigningKey.Length >= 32, "Auth:SigningKey must have at least 32 characters.")
            .Validate(o => o.LoginFailureLimit > 0 && o.LoginFailuresPerAddress > 0 && o.LoginFailuresPerAccount > 0
                && o.LoginFailureWindow > TimeSpan.Zero && o.LoginAccountDelayCap > TimeSpan.Zero, "Auth: login limits must be positive.")
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.SessionIdleLifetime > o.AccessTokenLifetime
                && o.SessionAbsoluteLifetime >= o.SessionIdleLifetime,
                "Auth: AccessTokenLifetime must be positive, SessionIdleLifetime longer than it, and SessionAbsoluteLifetime at least SessionIdleLifetime.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        builder.Services.AddSingleton<UserRepository>();
        builder.Services.AddSingleton<TokenRevocations>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<IValidator<SignupRequest>, SignupValidator>();
        builder.Services.AddSingleton<IValidator<LoginRequest>, LoginValidator>();
        builder.Services.AddSingleton<IValidator<SetRoleRequest>, SetRoleValidator>();
        builder.Services.AddSingleton<IValidator<SetActiveRequest>, SetActiveValidator>();
        builder.AddPerIpRateLimit(SignupPolicy, limits => limits.SignupsPerHour, TimeSpan.FromHours(1));
        builder.AddSignInSessions();
        builder.Services.AddHostedService<AdminSeeder>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveConnections>());
        builder.Services.Configure<HubOptions>(hubs => hubs.AddFilter<LiveConnections>());

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokens, IOptions<AuthOptions>>((jwt, tokens, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Issuer,
                    IssuerSigningKey = tokens.SigningKey,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSocket connects; SignalR sends the token as a query parameter.
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs")
                            && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        {
                            context.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                    // Logged out, or issued before its account's role changed or the account was deactivated.
                    OnTokenValidated = async context =>
                    {
                        var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
                        if (context.Principal is not { } principal || !await revocations.IsCurrentAsync(principal, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The token was revoked.");
                        }
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.MembersPolicy, p => p.RequireRole(Roles.AccountRoles))
            .AddPolicy(Roles.ModeratorsPolicy, p => p.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Roles.EditorsPolicy, p => p.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Roles.DjsPolicy, p => p.RequireRole(Roles.Penyiar, Roles.Admin))
            .AddPolicy(Roles.StationStaffPolicy, p => p.RequireRole(Roles.Admin, Roles.Editor, Roles.Penyiar))
            .AddPolicy(Roles.AdminsPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.ChattersPolicy, p => p.RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        // The limiter runs before the handler, so a refused signup costs no password hash.
        auth.MapPost("/signup", SignupAsync).RequireRateLimiting(SignupPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", LoginAsync).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization(Roles.ChattersPolicy).ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapGet("/me", MeAsync).RequireAuthorization(Roles.MembersPolicy);
        app.MapSignInSessionsApi();
        app.MapAdminUsersApi();
        return app;
    }

    private static async Task<Results<Created<DataEnvelope<AuthResponse>>, ValidationProblem, ProblemHttpResult>> SignupAsync(
        SignupRequest request, IValidator<SignupRequest> validator, HttpContext http, UserRepository users, SignInSessionsApi.Issuer issuer,
        CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var account = await users.CreateAsync(request.Email!, DisplayNames.Normalize(request.Name!), request.Password!, Roles.Member, cancellationToken);
        if (account is null)
        {
            return ApiProblems.Problem(409, ErrorCodes.EmailTaken, "An account with this email exists; log in instead.");
        }
        return TypedResults.Created("/api/v1/auth/me", new DataEnvelope<AuthResponse>(await issuer.SignInAsync(account, http, cancellationToken)));
    }

    private static async Task<Results<Ok<DataEnvelope<AuthResponse>>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, IValidator<LoginRequest> validator, HttpContext http, UserRepository users, LoginThrottle throttle,
        SignInSessionsApi.Issuer issuer, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Validation(validation);
        }
        var email = EmailAddresses.Normalize(request.Email!);
        var ip = ClientAddresses.Key(http.Connection.RemoteIpAddress);
        var attempt = await throttle.BeginAsync(ip, email, cancellationToken);
        if (attempt.RetryAfter is { } wait)
        {
            return ApiProblems.TooManyRequests(http, wait, "Too many failed logins; try again later.");
        }
        // The attempt is counted as a failure already (so parallel guesses cannot all pass the check); a right password
        // takes it back.
        var account = await users.VerifyAsync(email, request.Password!, cancellationToken);
        if (account is null)
        {
            return ApiProblems.Problem(401, ErrorCodes.InvalidCredentials, "The email or password is wrong.");
        }
        await throttle.SucceededAsync(attempt, ip, email, cancellationToken);
        if (!account.IsActive)
        {
            // Said only after the right password, so it tells a guesser nothing.
            return ApiProblems.Problem(403, AdminUsersApi.AccountInactive, "This account was deactivated by an admin.");
        }
        return TypedResults.Ok(new DataEnvelope<AuthResponse>(await issuer.SignInAsync(account, http, cancellationToken)));
    }

    // Ends the token and, for an account token, its sign-in session (so the device's refresh token dies too).
    private static async Task<NoContent> LogoutAsync(
        ClaimsPrincipal caller, TokenRevocations revocations, SignInSessions sessions, CancellationToken cancellationToken)
    {
        await revocations.RevokeAsync(caller.TokenId()!, caller.ExpiresAt() ?? DateTimeOffset.UtcNow.AddDays(1), cancellationToken);
        if (caller.UserId() is { } userId && caller.SessionId() is { } sessionId
            && await sessions.EndAsync(userId, sessionId, SessionEndReasons.Logout, cancellationToken))
        {
            await revocations.RevokeSessionAsync(sessionId);
        }
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DataEnvelope<UserView>>, ProblemHttpResult>> MeAsync(
        ClaimsPrincipal caller, UserRepository users, CancellationToken cancellationToken) =>
        Guid.TryParse(caller.SubjectId(), out var id) && await users.FindAsync(id, cancellationToken) is { } account
            ? TypedResults.Ok(new DataEnvelope<UserView>(account.ToView()))
            : ApiProblems.Problem(401, ErrorCodes.Unauthorized, "The account no longer exists.");
}

/// <summary>Creates or promotes the first admin from <c>ADMIN_EMAIL</c> and <c>ADMIN_PASSWORD</c> once the schema is
/// migrated. Without both, there is no admin until one is promoted in the database.</summary>
public sealed class AdminSeeder(
    IConfiguration configuration, UserRepository users, Runtime.Storage.PostgresHosting.MigrationService migrations, ILogger<AdminSeeder> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var email = configuration["ADMIN_EMAIL"];
        var password = configuration["ADMIN_PASSWORD"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }
        if (password.Length < 8)
        {
            logger.LogError("ADMIN_PASSWORD has fewer than 8 characters; no admin was created");
            return;
        }
        await migrations.Migrated.WaitAsync(stoppingToken);
        await users.EnsureAdminAsync(email, "Admin", password, stoppingToken);
        logger.LogInformation("Admin account {Email} is ready", email);
    }
}

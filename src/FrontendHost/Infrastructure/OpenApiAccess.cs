using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>Puts each endpoint's authorization in the OpenAPI document, so clients and the hostile-input suite can tell who
/// may call it: a <c>Bearer</c> (JWT) security scheme, and on every operation with a policy a requirement listing the roles
/// it admits (OpenAPI 3.1 allows role names in a non-OAuth requirement; an empty list means any valid token). Callers
/// without a token get 401, callers of another role 403.</summary>
public static class OpenApiAccess
{
    /// <summary>The security scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string SchemeName = "Bearer";

    /// <summary>Adds the scheme and the per-operation requirements to <paramref name="options"/>.</summary>
    public static OpenApiOptions AddAccessRequirements(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/login or /signup, or a listener token from POST /api/v1/livechat/session.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }
            var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
            if (await HubContract.AccessAsync([.. metadata.OfType<IAuthorizeData>()], policies) is not { } access)
            {
                return;
            }
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [.. access.Roles ?? []],
            });
        });
        return options;
    }
}

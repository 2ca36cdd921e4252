using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>The one way this host registers an options class: bound from its section, checked by its validator when the
/// host starts (<c>ValidateOnStart</c>), so a bad value stops the start with an <see cref="OptionsValidationException"/>
/// that names the setting, never a request later.</summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/> and validates it with
    /// <typeparamref name="TValidator"/> at start. Safe to call more than once (several features share one section).</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        if (services.Any(service => service.ServiceType == typeof(IValidateOptions<TOptions>) && service.ImplementationType == typeof(TValidator)))
        {
            return services;
        }
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/> while the host is being built, for a
    /// setting that decides what is registered (before any container exists), and checks it with the validator the
    /// container uses, if the class has one beyond its types.</summary>
    /// <exception cref="OptionsValidationException">A value does not convert to its property's type, or the validator refused
    /// it; the message names the setting.</exception>
    public static TOptions ReadNow<TOptions>(IConfiguration configuration, string section, IValidateOptions<TOptions>? validator)
        where TOptions : class, new()
    {
        TOptions options;
        try
        {
            options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException error)
        {
            // The binder's message names the key, the value and the type: "Failed to convert configuration value 'yes' at
            // 'Cluster:Enabled' to type 'System.Boolean'."
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), [error.InnerException?.Message is { } inner ? $"{error.Message} {inner}" : error.Message]);
        }
        var result = validator?.Validate(Options.DefaultName, options) ?? ValidateOptionsResult.Success;
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }
        return options;
    }
}

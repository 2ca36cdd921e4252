using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrleansRides.Catalog;
using OrleansRides.FrontendHost.Infrastructure;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Errors;
using OrleansRides.GrainInterfaces.Rides;
using OrleansRides.GrainInterfaces.Studio;
using OrleansRides.Lounges;
using OrleansRides.Runtime;
using OrleansRides.Runtime.Cluster;
using OrleansRides.Runtime.Persistence;
using OrleansRides.Runtime.Storage;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>Issue 13: one catalog of every stable error code, with its HTTP status and meaning, which
/// <see cref="ApiProblems.StatusOf"/> answers from. Unit tests, no I/O.</summary>
public sealed partial class ErrorCatalogTests
{
    public static TheoryData<string, int> Codes()
    {
        var data = new TheoryData<string, int>();
        foreach (var entry in ErrorCatalog.All)
        {
            data.Add(entry.Code, entry.Status);
        }
        return data;
    }

    [Fact]
    public void Every_code_appears_once_in_upper_snake_case_with_an_error_status()
    {
        Assert.True(ErrorCatalog.All.Count > 80, $"{ErrorCatalog.All.Count} codes");
        Assert.Empty(ErrorCatalog.All.GroupBy(e => e.Code).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(ErrorCatalog.All, e => Assert.Matches(UpperSnakeCase(), e.Code));
        Assert.All(ErrorCatalog.All, e => Assert.InRange(e.Status, 400, 599));
    }

    [Fact]
    public void Every_code_has_a_one_line_meaning_after_its_status()
    {
        // The meaning is the constant's XML summary, "404: no route has this access code.": read it from the documentation
        // file the build writes beside the assembly.
        var xml = Path.ChangeExtension(typeof(ErrorCodes).Assembly.Location, ".xml");
        var summaries = XDocument.Load(xml).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, m => (string?)m.Element("summary") ?? "");

        Assert.All(ErrorCatalog.All, e =>
        {
            var summary = Regex.Replace(summaries.GetValueOrDefault($"F:{typeof(ErrorCodes).FullName}.{e.Name}", ""), @"\s+", " ").Trim();
            Assert.StartsWith($"{e.Status}: ", summary);
            Assert.True(summary.Length > $"{e.Status}: ".Length + 10, $"{e.Name} has no meaning: '{summary}'");
        });
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void StatusOf_answers_the_catalogs_status(string code, int status) => Assert.Equal(status, ApiProblems.StatusOf(code));

    [Fact]
    public void A_code_the_catalog_does_not_know_answers_409()
    {
        Assert.Equal(409, ErrorCatalog.UnknownCodeStatus);
        Assert.Equal(409, ApiProblems.StatusOf("SOMETHING_NEWER"));
        Assert.Equal(409, ApiProblems.StatusOf("WIDGET_NOT_FOUND"));
        Assert.False(ErrorCatalog.Contains("SOMETHING_NEWER"));
    }

    [Fact]
    public void The_runtimes_codes_are_the_catalogs()
    {
        // The runtime sits below the contracts and keeps its own constants; these must not drift from the catalog.
        var grain = new GrainId("test", "key");
        Assert.Equal(ErrorCodes.SiloUnavailable, SiloUnavailableException.Codes.SiloUnavailable);
        Assert.Equal(ErrorCodes.NotOwner, SiloUnavailableException.Codes.NotOwner);
        Assert.Equal(ErrorCodes.GrainCallTimeout, new GrainCallTimeoutException(grain, "M", TimeSpan.FromSeconds(1)).Code);
        Assert.Equal(ErrorCodes.StateConflict, new InconsistentStateException(grain, null).Code);
        Assert.Equal(ErrorCodes.ServiceUnavailable, PostgresErrors.ServiceUnavailable);
        Assert.Equal(ErrorCodes.InvalidRequest, PostgresErrors.InvalidRequest);
        Assert.Equal(503, ApiProblems.StatusOf(SiloUnavailableException.Codes.SiloUnavailable));
        Assert.Equal(503, ApiProblems.StatusOf(new GrainCallTimeoutException(grain, "M", TimeSpan.FromSeconds(1)).Code));
    }

    [Theory]
    [InlineData(typeof(RideErrorCodes))]
    [InlineData(typeof(ChatErrorCodes))]
    [InlineData(typeof(StudioErrorCodes))]
    [InlineData(typeof(GrainErrorCodes))]
    [InlineData(typeof(CatalogErrors))]
    [InlineData(typeof(LoungeErrors))]
    [InlineData(typeof(OrleansRides.Site.Articles.ArticleErrors))]
    [InlineData(typeof(OrleansRides.Site.Categories.CategoryErrors))]
    [InlineData(typeof(OrleansRides.Site.Gallery.GalleryErrors))]
    [InlineData(typeof(OrleansRides.Site.Membership.MembershipErrors))]
    [InlineData(typeof(OrleansRides.Site.Pages.PagesErrors))]
    [InlineData(typeof(OrleansRides.Site.Programs.ProgramsErrors))]
    [InlineData(typeof(OrleansRides.Site.Announcements.AnnouncementsErrors))]
    [InlineData(typeof(OrleansRides.Site.Testimonials.TestimonialErrors))]
    public void Every_code_a_module_names_is_in_the_catalog(Type module)
    {
        var codes = module.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.GetRawConstantValue() is string value && UpperSnakeCase().IsMatch(value))
            .Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.True(ErrorCatalog.Contains(code), $"{module.Name}: {code} is not in {nameof(ErrorCodes)}"));
    }

    [Fact]
    public void The_hub_flood_limit_has_its_own_code()
    {
        Assert.Equal("HUB_FLOOD_LIMITED", ErrorCodes.HubFloodLimited);
        Assert.NotEqual(ErrorCodes.RateLimited, ErrorCodes.HubFloodLimited);
        Assert.Equal(429, ApiProblems.StatusOf(ErrorCodes.HubFloodLimited));
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnakeCase();
}

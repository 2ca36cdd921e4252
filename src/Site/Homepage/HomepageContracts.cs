using OrleansRides.Site.Announcements;
using OrleansRides.Site.Programs;

namespace OrleansRides.Site.Homepage;

/// <summary><c>GET /api/v1/homepage</c>: everything the station's front page shows, in one answer.</summary>
/// <param name="LatestArticles">The <see cref="HomepageReader.ArticleCount"/> newest published articles (by publishedAt).</param>
/// <param name="Today">Today's slots, station-local.</param>
/// <param name="OnAirNow">The slot on air now, or null.</param>
/// <param name="Next">The next slot to start, or null.</param>
/// <param name="Announcements">The announcements showing now, newest first.</param>
/// <param name="Testimonials">The <see cref="HomepageReader.TestimonialCount"/> newest approved testimonials.</param>
/// <param name="LiveChat">The live chat room and how many are in it.</param>
public sealed record Homepage(IReadOnlyList<HomepageArticle> LatestArticles, HomepageToday Today, SlotOccurrence? OnAirNow,
    SlotOccurrence? Next, IReadOnlyList<Announcement> Announcements, IReadOnlyList<HomepageTestimonial> Testimonials, LiveChat LiveChat);

/// <summary>Today on the station.</summary>
/// <param name="Date">The station-local date, <c>YYYY-MM-DD</c>.</param>
/// <param name="Slots">The slots starting today, in start order.</param>
public sealed record HomepageToday(string Date, IReadOnlyList<SlotOccurrence> Slots);

/// <summary>The live chat on the homepage.</summary>
/// <param name="Room">The room, <c>radio/live</c>.</param>
/// <param name="ListenerCount">Connections in the room now; null when the chat cannot be reached (the page still shows).</param>
public sealed record LiveChat(string Room, int? ListenerCount);

/// <summary>An article as the homepage lists it: the same shape as the articles module's <c>ArticleSummary</c>.</summary>
/// <param name="Id">Article id.</param>
/// <param name="Slug">URL slug.</param>
/// <param name="Title">Title.</param>
/// <param name="Excerpt">Excerpt.</param>
/// <param name="Status">Always <c>published</c> here.</param>
/// <param name="FeaturedImage">An image URL, or null.</param>
/// <param name="PublishedAt">First publication, UTC.</param>
/// <param name="CreatedAt">Creation, UTC.</param>
/// <param name="UpdatedAt">Last change, UTC.</param>
/// <param name="Author">Its author.</param>
/// <param name="Category">Its category, or null.</param>
public sealed record HomepageArticle(Guid Id, string Slug, string Title, string Excerpt, string Status, string? FeaturedImage,
    DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, HomepageAuthor Author, HomepageCategory? Category);

/// <summary>An article's author.</summary>
/// <param name="Id">Account id.</param>
/// <param name="Name">Account name.</param>
public sealed record HomepageAuthor(Guid Id, string Name);

/// <summary>An article's category.</summary>
/// <param name="Id">Category id.</param>
/// <param name="Name">Name.</param>
/// <param name="Slug">Slug.</param>
public sealed record HomepageCategory(Guid Id, string Name, string Slug);

/// <summary>An approved testimonial: <c>{ id, name, text, location, createdAt }</c>.</summary>
/// <param name="Id">Testimonial id.</param>
/// <param name="Name">Who wrote it.</param>
/// <param name="Text">What they wrote.</param>
/// <param name="Location">Where they are, or null.</param>
/// <param name="CreatedAt">When it was sent, UTC.</param>
public sealed record HomepageTestimonial(Guid Id, string Name, string Text, string? Location, DateTimeOffset CreatedAt);

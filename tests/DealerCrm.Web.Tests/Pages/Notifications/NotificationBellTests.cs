using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Notifications;

/// <summary>The bell in the header of every signed-in page.</summary>
public sealed class NotificationBellTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task The_notification_bell_is_an_inline_svg_icon_not_an_emoji_that_needs_a_font()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/FollowUps");

        var bell = page.QuerySelector("[data-testid=bell]")!;
        var icon = bell.QuerySelector("svg");
        icon.Should().NotBeNull("the icon is drawn by the page itself");
        icon!.GetAttribute("aria-hidden").Should().Be("true", "the link's label names it for screen readers");
        icon.QuerySelector("path")!.GetAttribute("d").Should().NotBeNullOrEmpty();
        bell.TextContent.Any(char.IsSurrogate).Should().BeFalse("no emoji (🔔 is outside the basic plane)");
        bell.TextContent.Trim().Should().BeEmpty("nothing but the icon while nothing is unread");
        bell.GetAttribute("aria-label").Should().Be("Notifications: 0 unread");
    }
}

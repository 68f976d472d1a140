using System.Globalization;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Actions;

/// <summary>
/// The /Actions list (spec 4.5 "open and late actions are listed for the service manager and general manager"): open
/// ones first by due date, late ones marked by the domain's rule and filtered by the same rule in SQL, closed ones
/// after; each person's scope; the GM's "waiting for your approval" section; keyset paging.
/// </summary>
public sealed class ActionListTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private long _sm;
    private long _gm;
    private long _advisor;
    private long _colleague;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ActionBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _sm = (await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager)).Id;
        _gm = (await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager)).Id;
        _advisor = (await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor)).Id;
        _colleague = (await App.CreateUserAsync("colleague", _store.Id, Roles.ServiceAdvisor)).Id;
    }

    /// <summary>Moves an action from waiting for approval to <paramref name="status"/> by the domain's own steps.</summary>
    private Task ToStatusAsync(long id, ActionStatus status) => App.MoveActionAsync(id, a =>
    {
        var now = App.Now;
        switch (status)
        {
            case ActionStatus.Returned:
                a.Return(_gm, "改", now);
                break;
            case ActionStatus.Approved:
                a.Approve(_gm, null, now);
                break;
            case ActionStatus.Done:
                a.Approve(_gm, null, now);
                a.RecordDone(_advisor, "做了", now);
                break;
            case ActionStatus.Closed:
                a.Approve(_gm, null, now);
                a.RecordDone(_advisor, "做了", now);
                a.Verify(_sm, null, now);
                break;
        }
    });

    [Fact]
    public async Task Late_marks_and_the_late_filter_follow_the_domains_rule_at_the_due_date_boundary()
    {
        // Every status with its due date two days, one day and zero days ahead; then two days pass.
        var ids = new List<long>();
        foreach (var status in Enum.GetValues<ActionStatus>())
        {
            foreach (var ahead in new[] { 1, 2, 3 })
            {
                var action = await App.CreateActionAsync(_store, _sm, _advisor, due: App.TodayIn(_store).AddDays(ahead - 1));
                await ToStatusAsync(action.Id, status);
                ids.Add(action.Id);
            }
        }

        App.PinShanghai(ActionBuilders.Thursday10.AddDays(2));
        var today = App.TodayIn(_store);
        var actions = await App.WithDbAsync(db => db.CorrectiveActions.AsNoTracking().ToListAsync());
        var late = actions.Where(a => a.IsLate(today)).Select(a => a.Id).Order().ToList();
        late.Should().HaveCount(6, "waiting, returned and in progress, each due one and two days ago");
        actions.Where(a => late.Contains(a.Id)).Should().OnlyContain(a => a.DueDate < today
            && a.Status != ActionStatus.Done && a.Status != ActionStatus.Closed);

        using var sm = await App.SignInAsync("sm");
        var page = await sm.GetDocumentAsync("/Actions");
        var rows = page.QuerySelectorAll("[data-testid=actions-list] [data-testid=action-row]");
        rows.Should().HaveCount(ids.Count);
        rows.Where(r => r.GetAttribute("data-late") == "true").Select(r => long.Parse(r.GetAttribute("data-action-id")!,
            CultureInfo.InvariantCulture)).Order().Should().Equal(late);
        page.QuerySelectorAll("[data-testid=row-late]").Select(r => r.TextContent).Should().Contain("Late by 2 day(s)")
            .And.Contain("Late by 1 day(s)");

        var lateOnly = await sm.GetDocumentAsync("/Actions?late=true");
        lateOnly.QuerySelectorAll("[data-testid=actions-list] [data-testid=action-row]").Select(r => long.Parse(r.GetAttribute("data-action-id")!,
            CultureInfo.InvariantCulture)).Order().Should().Equal(late, "the SQL filter is the domain's rule");

        var item = await sm.GetDocumentAsync($"/Actions/{late[0]}");
        item.QuerySelector("[data-testid=action-late]").Should().NotBeNull();
    }

    [Fact]
    public async Task Open_actions_come_first_by_due_date_and_closed_ones_after()
    {
        var today = App.TodayIn(_store);
        var closed = await App.CreateActionAsync(_store, _sm, _advisor, due: today.AddDays(1));
        await ToStatusAsync(closed.Id, ActionStatus.Closed);
        var later = await App.CreateActionAsync(_store, _sm, _advisor, due: today.AddDays(9));
        var done = await App.CreateActionAsync(_store, _sm, _advisor, due: today.AddDays(5));
        await ToStatusAsync(done.Id, ActionStatus.Done);
        var sooner = await App.CreateActionAsync(_store, _sm, _advisor, due: today.AddDays(2));
        await ToStatusAsync(sooner.Id, ActionStatus.Returned);

        using var sm = await App.SignInAsync("sm");
        var page = await sm.GetDocumentAsync("/Actions");

        Ids(page).Should().Equal(sooner.Id, done.Id, later.Id, closed.Id);
        Ids(await sm.GetDocumentAsync("/Actions?status=Closed")).Should().Equal(closed.Id);
        Ids(await sm.GetDocumentAsync("/Actions?status=Returned")).Should().Equal(sooner.Id);
    }

    [Fact]
    public async Task Managers_see_the_stores_actions_others_only_those_they_take_part_in()
    {
        var theirs = await App.CreateActionAsync(_store, _sm, _advisor);
        var joined = await App.CreateActionAsync(_store, _sm, _sm, participants: [_advisor]);
        var notTheirs = await App.CreateActionAsync(_store, _sm, _colleague, kind: ActionKind.Preventive);
        await ToStatusAsync(notTheirs.Id, ActionStatus.Approved);
        var other = await App.CreateStoreAsync("S2");
        var elsewhereSm = await App.CreateUserAsync("sm2", other.Id, Roles.ServiceManager);
        var elsewhere = await App.CreateActionAsync(other, elsewhereSm.Id, elsewhereSm.Id);

        using var sm = await App.SignInAsync("sm");
        Ids(await sm.GetDocumentAsync("/Actions")).Should().BeEquivalentTo([theirs.Id, joined.Id, notTheirs.Id]);
        Ids(await sm.GetDocumentAsync($"/Actions?responsible={_colleague}")).Should().Equal(notTheirs.Id);
        Ids(await sm.GetDocumentAsync("/Actions?kind=Preventive")).Should().Equal(notTheirs.Id);

        using var gm = await App.SignInAsync("gm");
        var gmPage = await gm.GetDocumentAsync("/Actions");
        Ids(gmPage).Should().BeEquivalentTo([theirs.Id, joined.Id, notTheirs.Id]);
        gmPage.QuerySelectorAll("[data-testid=pending-approval] [data-testid=action-row]")
            .Select(r => long.Parse(r.GetAttribute("data-action-id")!, CultureInfo.InvariantCulture))
            .Should().Equal(theirs.Id, joined.Id);
        (await sm.GetDocumentAsync("/Actions")).QuerySelector("[data-testid=pending-approval]").Should().BeNull();

        using var advisor = await App.SignInAsync("advisor");
        var advisorPage = await advisor.GetDocumentAsync("/Actions");
        Ids(advisorPage).Should().BeEquivalentTo([theirs.Id, joined.Id]);
        Ids(await advisor.GetDocumentAsync($"/Actions?responsible={_colleague}")).Should()
            .NotContain(notTheirs.Id, "a filter never widens the scope");
        advisorPage.QuerySelector("[data-testid=new-action]").Should().BeNull();
        Ids(advisorPage).Should().NotContain(elsewhere.Id);
    }

    [Fact]
    public async Task The_list_pages_by_key_without_gaps_or_repeats_from_open_into_closed()
    {
        var today = App.TodayIn(_store);
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 53; i++)
            {
                db.CorrectiveActions.Add(new CorrectiveAction(_store.Id, ActionKind.Corrective, null, null, null,
                    $"措施 {i}", _advisor, [], today.AddDays(i % 7), today, _sm, App.Now));
            }

            await db.SaveChangesAsync();
        });
        var closedIds = await App.WithDbAsync(db => db.CorrectiveActions.OrderBy(a => a.Id).Select(a => a.Id).Take(4).ToListAsync());
        foreach (var id in closedIds)
        {
            await ToStatusAsync(id, ActionStatus.Closed);
        }

        using var sm = await App.SignInAsync("sm");
        var seen = new List<long>();
        var url = "/Actions";
        var pages = 0;
        while (url is not null)
        {
            var page = await sm.GetDocumentAsync(url);
            seen.AddRange(Ids(page));
            url = page.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
            pages++;
        }

        pages.Should().Be(2);
        seen.Should().HaveCount(53).And.OnlyHaveUniqueItems();
        seen.TakeLast(4).Should().BeEquivalentTo(closedIds);
        var all = await App.WithDbAsync(db => db.CorrectiveActions.AsNoTracking().ToDictionaryAsync(a => a.Id));
        seen.Take(49).Select(id => all[id].DueDate).Should().BeInAscendingOrder();
    }

    private static List<long> Ids(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=actions-list] [data-testid=action-row]")
            .Select(r => long.Parse(r.GetAttribute("data-action-id")!, CultureInfo.InvariantCulture)).ToList();
}

using System.Globalization;
using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Admin;

public sealed class HolidayAdminTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private TestClient _admin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("HQ", "Head office");
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        _admin = await App.SignInAsync("admin");
    }

    public override Task DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    private string Page => $"/Admin/Holidays?store={_store.Id}";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly Next(DayOfWeek day, int afterDays = 10)
    {
        var date = App.TodayIn(_store).AddDays(afterDays);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private Task<HttpResponseMessage> AddAsync(DateOnly date, HolidayKind kind, string name) =>
        _admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Input.Date"] = Iso(date),
            ["Input.Kind"] = kind.ToString(),
            ["Input.Name"] = name,
        }, "form[data-testid=holiday-form]");

    private async Task<WorkingCalendar> CalendarAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoreCalendar>().WorkingCalendarAsync(_store.Id);
    }

    [Fact]
    public async Task An_admin_adds_a_closed_weekday_and_a_make_up_Sunday_and_the_working_calendar_reads_both()
    {
        var wednesday = Next(DayOfWeek.Wednesday);
        var sunday = Next(DayOfWeek.Sunday);
        (await CalendarAsync()).IsWorkingDay(wednesday).Should().BeTrue("before the Admin's change");

        using var closed = await AddAsync(wednesday, HolidayKind.Closed, "国庆节");
        using var madeUp = await AddAsync(sunday, HolidayKind.WorkingDay, "国庆调休");

        closed.RedirectPath().Should().Be($"/Admin/Holidays?store={_store.Id}&year={wednesday.Year}");
        madeUp.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var calendar = await CalendarAsync();
        calendar.IsWorkingDay(wednesday).Should().BeFalse();
        calendar.IsWorkingDay(sunday).Should().BeTrue();
        calendar.CallbackDueDay(wednesday.AddDays(-3)).Should().Be(wednesday.AddDays(-1), "day 3 is now closed");
        var list = await _admin.GetDocumentAsync($"{Page}&year={wednesday.Year}");
        var row = list.QuerySelector($"tr[data-date='{Iso(wednesday)}']");
        row.Should().NotBeNull();
        row!.TextContent.Should().Contain("国庆节").And.Contain("Closed");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.HolidaysChanged)))
            .Should().Be(2);
    }

    [Fact]
    public async Task The_list_shows_only_the_chosen_year()
    {
        var thisYear = App.TodayIn(_store).Year;
        await App.WithDbAsync(async db =>
        {
            db.StoreHolidays.Add(new StoreHoliday(_store.Id, new DateOnly(thisYear, 12, 31), HolidayKind.Closed, "This year"));
            db.StoreHolidays.Add(new StoreHoliday(_store.Id, new DateOnly(thisYear + 1, 1, 1), HolidayKind.Closed, "Next year"));
            await db.SaveChangesAsync();
        });

        var list = await _admin.GetDocumentAsync(Page);
        var next = await _admin.GetDocumentAsync($"{Page}&year={thisYear + 1}");

        list.QuerySelector("[data-testid=holidays]")!.TextContent.Should().Contain("This year").And.NotContain("Next year");
        next.QuerySelector("[data-testid=holidays]")!.TextContent.Should().Contain("Next year").And.NotContain("This year");
    }

    [Fact]
    public async Task A_second_entry_for_the_same_date_is_refused_beside_the_date_and_the_first_stays()
    {
        var date = Next(DayOfWeek.Monday);
        using var first = await AddAsync(date, HolidayKind.Closed, "春节");

        using var second = await AddAsync(date, HolidayKind.WorkingDay, "调休");

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(second);
        page.FieldError("Input.Date").Should().Be("This store already has an entry for this date.");
        page.InputValue("Input.Name").Should().Be("调休", "what was typed stays");
        (await App.WithDbAsync(db => db.StoreHolidays.SingleAsync())).Kind.Should().Be(HolidayKind.Closed);
    }

    [Theory]
    [InlineData("", "Closed", "", "Input.Date")]
    [InlineData("9999-12-31", "Closed", "", "Input.Date")]
    [InlineData("0001-01-01", "Closed", "", "Input.Date")]
    [InlineData("2026-05-01", "Holiday", "", "Input.Kind")]
    [InlineData("2026-05-01", "7", "", "Input.Kind")]
    public async Task Bad_input_gets_a_message_beside_its_field_and_nothing_is_saved(string date, string kind,
        string name, string field)
    {
        using var response = await _admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Input.Date"] = date,
            ["Input.Kind"] = kind,
            ["Input.Name"] = name,
        }, "form[data-testid=holiday-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError(field).Should().NotBeEmpty();
        (await App.WithDbAsync(db => db.StoreHolidays.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_name_past_its_length_or_with_control_characters_is_refused()
    {
        using var tooLong = await AddAsync(Next(DayOfWeek.Monday), HolidayKind.Closed, new string('节', 51));
        using var nul = await AddAsync(Next(DayOfWeek.Monday), HolidayKind.Closed, "国庆\0节");

        (await TestClient.ParseAsync(tooLong)).FieldError("Input.Name").Should().NotBeEmpty();
        nul.StatusCode.Should().NotBe(HttpStatusCode.InternalServerError);
        (await App.WithDbAsync(db => db.StoreHolidays.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Removing_a_date_takes_it_off_the_calendar()
    {
        var date = Next(DayOfWeek.Tuesday);
        using var added = await AddAsync(date, HolidayKind.Closed, "端午节");
        var list = await _admin.GetDocumentAsync($"{Page}&year={date.Year}");

        using var removed = await _admin.SubmitFormAsync(list, $"{Page}&year={date.Year}", new Dictionary<string, string>(),
            $"tr[data-date='{Iso(date)}'] form[data-testid=remove-holiday]");

        removed.RedirectPath().Should().Be($"/Admin/Holidays?store={_store.Id}&year={date.Year}");
        (await App.WithDbAsync(db => db.StoreHolidays.CountAsync())).Should().Be(0);
        (await CalendarAsync()).IsWorkingDay(date).Should().BeTrue();
    }

    [Fact]
    public async Task A_date_of_another_store_is_not_removed_through_this_stores_address()
    {
        var other = await App.CreateStoreAsync("S2");
        var date = Next(DayOfWeek.Tuesday);
        var holiday = new StoreHoliday(other.Id, date, HolidayKind.Closed, "Other");
        await App.WithDbAsync(async db =>
        {
            db.StoreHolidays.Add(holiday);
            await db.SaveChangesAsync();
        });
        var page = await _admin.GetDocumentAsync(Page);
        var token = page.QuerySelector("form[data-testid=holiday-form] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await _admin.Http.PostAsync($"/Admin/Holidays?store={_store.Id}&handler=Remove",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["id"] = holiday.Id.ToString(CultureInfo.InvariantCulture),
            }));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await App.WithDbAsync(db => db.StoreHolidays.CountAsync())).Should().Be(1);
    }

    public static TheoryData<string> OtherRoles() => new(Roles.Names.Where(r => r != Roles.Admin));

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Other_roles_are_refused_the_page_and_its_changes(string role)
    {
        var holiday = new StoreHoliday(_store.Id, Next(DayOfWeek.Monday), HolidayKind.Closed, "Kept");
        await App.WithDbAsync(async db =>
        {
            db.StoreHolidays.Add(holiday);
            await db.SaveChangesAsync();
        });
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var home = await client.GetDocumentAsync(RoleNavigation.Items.First(i => i.Role == role).Path);
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var get = await client.GetAsync(Page);
        using var add = await client.Http.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Date"] = Iso(Next(DayOfWeek.Friday)),
            ["Input.Kind"] = "Closed",
        }));
        using var remove = await client.Http.PostAsync($"{Page}&handler=Remove", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["id"] = holiday.Id.ToString(CultureInfo.InvariantCulture),
            }));

        get.IsRefused().Should().BeTrue();
        add.IsRefused().Should().BeTrue();
        remove.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.StoreHolidays.Select(h => h.Name).ToListAsync())).Should().Equal("Kept");
    }
}

using System.Net;
using System.Reflection;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Complaints;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DealerCrm.Web.Tests.Security;

/// <summary>
/// Spec 7.3 and ENGINEERING "every form field and query parameter is hostile": every Razor Page the app has, read from
/// its own EndpointDataSource, with every GET parameter and every POST handler's fields discovered by reflection
/// (bound properties, handler parameters, the properties of their input models), is sent NUL, 100,000 characters,
/// out-of-range and unreadable dates, numbers past any column and unknown enum values, one field at a time, the rest
/// of the form as the page filled it. No answer may be a 5xx or a 400, and after the hostile POSTs of each handler every
/// business table holds exactly the rows it held before. A new page is covered without anyone remembering; a new page
/// with an {id} in its route fails here until the sweep is told which record to open.
/// </summary>
public sealed class HostileInputTests(AppFixture app, ITestOutputHelper output) : WebTest(app)
{
    /// <summary>Tables whose rows a request may add by design (its audit entry, the session signed in with).</summary>
    private static readonly string[] NotBusinessTables =
        ["audit_entries", "user_sessions", "data_protection_keys", "__ef_migrations_history"];

    /// <summary>Handlers that end the sweep's own session or are not forms.</summary>
    private static readonly string[] SkippedPosts = ["/Account/Logout"];

    /// <summary>
    /// Pages that send a signed-in user elsewhere on a plain GET, or answer a script's POST and have nothing to show
    /// (the grade suggestion); their fields are swept all the same.
    /// </summary>
    private static readonly string[] NotShownToASignedInUser =
        ["/", "/Index", "/Account/Login", "/Language", "/Account/AccessDenied", "/Leads/GradeSuggestion"];

    private readonly Dictionary<string, string> _ids = new(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task Every_page_parameter_and_form_field_takes_hostile_values_without_a_5xx_or_anything_stored()
    {
        await ArrangeAsync();
        using var client = await App.SignInAsync("everyone");
        var pages = await PagesAsync();
        pages.Select(p => p.Path).Should().Contain(["/Leads/{id}", "/Manager/Audit", "/Reports/ResponseTime",
            "/Admin/Stores/Create"], "the sweep must see the app's real pages");

        var failures = new List<string>();
        var notShown = new List<string>();
        var sent = 0;
        var baselines = new Dictionary<string, IHtmlDocument?>();

        // GET: every query parameter a page binds.
        var token = TestClient.FormFields((await client.GetDocumentAsync("/Account/ChangePassword"))
                .QuerySelector<IHtmlFormElement>("main form[method=post]")!)
            .Single(f => f.Key == "__RequestVerificationToken");
        foreach (var page in pages)
        {
            var url = Url(page);
            using (var plain = await client.GetAsync(url))
            {
                if (plain.StatusCode == HttpStatusCode.OK)
                {
                    baselines[page.Path] = await TestClient.ParseAsync(plain);
                }
                else
                {
                    baselines[page.Path] = null;
                    if (!NotShownToASignedInUser.Contains(page.Path))
                    {
                        notShown.Add($"GET {url} -> {(int)plain.StatusCode} {plain.RedirectPath()}");
                    }
                }
            }

            foreach (var (field, type) in page.GetFields)
            {
                foreach (var value in HostileValues(type))
                {
                    sent++;
                    var target = $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{Uri.EscapeDataString(field)}={Uri.EscapeDataString(value)}";
                    using var response = await client.GetAsync(target);
                    if (Failed(response))
                    {
                        failures.Add($"GET {url} {field}={Describe(value)} -> {(int)response.StatusCode}");
                    }
                }
            }
        }

        // POST: every handler's fields, with the rest of the form as the page shows it (anti-forgery token included).
        var before = await FingerprintAsync();
        foreach (var page in pages.Where(p => !SkippedPosts.Contains(p.Path)))
        {
            foreach (var (handler, fields) in page.PostHandlers)
            {
                var url = Url(page) + (handler is null ? string.Empty
                    : $"{(Url(page).Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}");

                // As a browser posts: the fields of the form that posts to this handler, one of them hostile. A
                // handler no form on the page posts to gets every field it binds, with the token only.
                var form = baselines[page.Path] is { } document ? FormFor(document, Url(page), handler) : null;
                List<KeyValuePair<string, string>> baseline = form is null ? [token] : TestClient.FormFields(form);
                var names = form?.Elements.Select(e => e.GetAttribute("name")).OfType<string>()
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var (field, type) in fields.Where(f => names is null || names.Contains(f.Name)))
                {
                    foreach (var value in HostileValues(type))
                    {
                        sent++;
                        var posted = baseline.Where(f => f.Key != field).ToList();
                        posted.Add(new(field, value));
                        using var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(posted));
                        if (Failed(response))
                        {
                            failures.Add($"POST {url} {field}={Describe(value)} -> {(int)response.StatusCode}");
                        }
                    }
                }

                var after = await FingerprintAsync();
                foreach (var table in after.Keys.Where(t => after[t] != before[t]))
                {
                    failures.Add($"POST {url}: hostile fields changed table {table}");
                }

                before = after;
            }
        }

        output.WriteLine($"{pages.Count} pages, {sent} hostile requests");
        notShown.ForEach(output.WriteLine);
        failures.ForEach(output.WriteLine);
        (await client.GetAsync("/Notifications")).StatusCode.Should().Be(HttpStatusCode.OK,
            "the sweep must still be signed in at the end, or it proved nothing");
        notShown.Should().BeEmpty("every page must open for the sweep, or its fields are not tried");
        sent.Should().BeGreaterThan(500, "every page's fields, several hostile values each");
        failures.Should().BeEmpty();
    }

    /// <summary>
    /// A 5xx, or a 400: the sweep posts with a valid anti-forgery token, the only refusal that may answer 400 (a NUL in a
    /// form body was answered 400 by the framework's form reader until <c>NulTolerantFormBody</c>).
    /// </summary>
    private static bool Failed(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.BadRequest;

    /// <summary>A store with a record of every kind a page opens by id, and one user holding every role in it.</summary>
    private async Task ArrangeAsync()
    {
        var store = await App.CreateStoreAsync("S1");
        var everyone = await App.CreateUserAsync("everyone", store.Id, [.. Roles.Names]);
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        var customer = await App.CreateCustomerAsync(store.Id, "冯先生", "13800138000");
        var lead = await App.CreateLeadAsync(store, customer, everyone.Id, Grade.A);
        var pending = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "陈女士", "13900139000"),
            everyone.Id, Grade.B);
        var claimed = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "赵先生", "13700137000"),
            li.Id, Grade.C);
        var ordered = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "钱先生", "13500135000"),
            everyone.Id, Grade.H);
        var entry = await App.CreateWalkInAsync(store, everyone.Id, everyone.Id);
        DefeatRequest? defeat = null;
        DuplicateClaim? claim = null;
        await App.WithDbAsync(async db =>
        {
            var tracked = await db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == pending.Id);
            defeat = tracked.RequestDefeat(everyone.Id, DefeatReason.BudgetChanged, null, null, "预算不够", App.Now);
            db.DefeatRequests.Add(defeat);
            claim = new DuplicateClaim(store.Id, claimed.Id, claimed.CustomerId, li.Id, everyone.Id, "我接待过", App.Now);
            db.DuplicateClaims.Add(claim);
            var withOrder = await db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == ordered.Id);
            withOrder.PlaceOrder(new OrderRequest(App.TodayIn(store), "坦克300", null, null, 200_000m, 5_000m,
                PaymentMethod.Full, null, null, null), new GradePolicy(store.Id), App.TodayIn(store), everyone.Id, App.Now);
            db.IncomingLeads.Add(new IncomingLead(store.Id, "网上客户", "13600136000", "哈弗H6",
                SourceChannel.DealerWebsite, App.Now.AddHours(-3), null, App.Now));
            await db.SaveChangesAsync();
        });

        _ids["/Leads/{id}/Deliver"] = ordered.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Leads/"] = lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Customers/"] = customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Showroom/"] = entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Manager/Defeats/"] = defeat!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Manager/Claims/"] = claim!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Admin/Users/"] = li.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Admin/Stores/"] = store.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var car = await App.CreateVehicleAsync(store, customer, 1);
        var visit = await App.CreateVisitAsync(store, car, "RO-HOSTILE", TimeSpan.FromHours(1));
        _ids["/Service/Visits/"] = visit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ids["/Vehicles/"] = car.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var task = await App.WithDbAsync(async db =>
        {
            var t = new DealerCrm.Domain.Callbacks.CallbackTask(store.Id, DealerCrm.Domain.Callbacks.CallbackType.AfterSalesThreeDay,
                customer.Id, car.Id, null, App.TodayIn(store), App.Now, visit.Id, "as:hostile", customer.Name, "13800138000");
            db.CallbackTasks.Add(t);
            await db.SaveChangesAsync();
            return t;
        });
        _ids["/Callbacks/"] = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var action = new DealerCrm.Domain.Complaints.CorrectiveAction(store.Id, DealerCrm.Domain.Complaints.ActionKind.Corrective,
            null, null, null, "hostile", everyone.Id, [li.Id], App.TodayIn(store).AddDays(7), App.TodayIn(store), everyone.Id,
            App.Now);
        await App.WithDbAsync(async db =>
        {
            db.CorrectiveActions.Add(action);
            await db.SaveChangesAsync();
        });
        _ids["/Actions/"] = action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var complaint = await App.OpenComplaintAsync(store, customer.Id, everyone.Id, vehicleId: car.Id, visitId: visit.Id);
        _ids["/Complaints/"] = complaint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var campaign = new DealerCrm.Domain.Campaigns.Campaign(store.Id, new DealerCrm.Domain.Campaigns.CampaignDetails("车展",
            DealerCrm.Domain.Campaigns.CampaignType.Exhibition, App.TodayIn(store), App.TodayIn(store), 1000m, null, null,
            null, null), everyone.Id, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
        });
        _ids["/Campaigns/"] = campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Url(PageUnderTest page)
    {
        var path = page.Path;
        if (!path.Contains("{id", StringComparison.Ordinal))
        {
            return path;
        }

        if (path.Contains("{id?}", StringComparison.Ordinal))
        {
            return path.Replace("/{id?}", string.Empty, StringComparison.Ordinal);
        }

        var id = _ids.GetValueOrDefault(path) ?? _ids.Where(i => path.StartsWith(i.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(i => i.Key.Length).Select(i => i.Value).FirstOrDefault()
            ?? throw new InvalidOperationException($"{path}: tell the hostile-input sweep which record to open");
        return path.Replace("{id}", id, StringComparison.Ordinal);
    }

    /// <summary>Every Razor Page endpoint with its GET parameters and POST handlers' fields.</summary>
    private async Task<List<PageUnderTest>> PagesAsync()
    {
        var services = App.Factory.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var pages = new List<PageUnderTest>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var compiled = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>()
                ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { IsOptional: true } p => $"{{{p.Name}?}}",
                    RoutePatternParameterPart p => $"{{{p.Name}}}",
                    _ => string.Empty,
                }))));
            path = path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
            if (pages.FindIndex(p => p.Page == descriptor.ViewEnginePath) is var seen and >= 0)
            {
                // "/Showroom/Index" and "/Showroom" are one page: sweep it once, by its shorter route.
                if (path.Length < pages[seen].Path.Length)
                {
                    pages[seen] = pages[seen] with { Path = path };
                }

                continue;
            }

            var properties = compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>().ToList();
            var modelType = compiled.HandlerTypeInfo.AsType();
            var bindAll = modelType.GetCustomAttribute<BindPropertiesAttribute>();
            List<(string, Type)> Bound(bool get) => properties
                .Where(p => !get || (p.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet
                    ?? bindAll?.SupportsGet ?? false))
                .SelectMany(p => Leaves(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, 0))
                .ToList();
            List<(string, Type)> Parameters(HandlerMethodDescriptor h) => h.Parameters
                .Where(p => !routeValues.Contains(p.Name)
                    && p.BindingInfo?.BindingSource != BindingSource.Services
                    && p.ParameterType != typeof(CancellationToken))
                .SelectMany(p => Leaves(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, 0))
                .ToList();

            var gets = compiled.HandlerMethods.Where(h => h.HttpMethod == "Get").ToList();
            var getFields = Bound(get: true).Concat(gets.SelectMany(Parameters)).Distinct().ToList();
            var posts = compiled.HandlerMethods.Where(h => h.HttpMethod == "Post")
                .Select(h => (h.Name, Bound(get: false).Concat(Parameters(h)).Distinct().ToList()))
                .Where(h => h.Item2.Count > 0)
                .ToList();
            pages.Add(new PageUnderTest(descriptor.ViewEnginePath, path, getFields, posts));
        }

        return pages;
    }

    /// <summary>The form fields a value of this type is posted as: "Input.Budget", "Selected", "Rows[0].Name".</summary>
    private static IEnumerable<(string Name, Type Type)> Leaves(string prefix, Type type, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSimple(t))
        {
            yield return (prefix, t);
            yield break;
        }

        if (typeof(IFormFile).IsAssignableFrom(t) || typeof(IFormFileCollection).IsAssignableFrom(t) || depth > 3)
        {
            yield break;
        }

        var element = t.IsArray ? t.GetElementType()
            : t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0]
            : null;
        if (element is not null)
        {
            var elementType = Nullable.GetUnderlyingType(element) ?? element;
            var leaves = IsSimple(elementType)
                ? new[] { (prefix, elementType) }
                : Leaves($"{prefix}[0]", element, depth + 1);
            foreach (var leaf in leaves)
            {
                yield return leaf;
            }

            yield break;
        }

        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.SetMethod?.IsPublic == true && p.GetIndexParameters().Length == 0
                         && p.GetCustomAttribute<BindNeverAttribute>() is null))
        {
            foreach (var leaf in Leaves($"{prefix}.{property.Name}", property.PropertyType, depth + 1))
            {
                yield return leaf;
            }
        }
    }

    private static bool IsSimple(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly)
        || t == typeof(TimeOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(Guid)
        || t == typeof(TimeSpan);

    private static readonly string Long = new('长', 100_000);

    private static IEnumerable<string> HostileValues(Type type) => type switch
    {
        _ when type == typeof(string) => ["a\0b", Long],
        _ when type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) =>
            ["0001-01-01", "9999-12-31", "2026-02-31"],
        _ when type == typeof(TimeOnly) || type == typeof(TimeSpan) => ["24:61", "\0"],
        _ when type == typeof(bool) => ["maybe"],
        _ when type.IsEnum => ["2147483648", "99"],
        _ when type == typeof(Guid) => ["\0"],
        _ => ["99999999999999999999", "-99999999999999999999"],
    };

    private static string Describe(string value) =>
        value.Length > 40 ? $"<{value.Length} chars>" : value.Replace("\0", "\\0", StringComparison.Ordinal);

    /// <summary>The form on the page that posts to this handler (by its action or a button's formaction).</summary>
    private static IHtmlFormElement? FormFor(IHtmlDocument page, string pageUrl, string? handler)
    {
        static string Path(string url) => url.Split('?')[0].Replace("/Index", string.Empty, StringComparison.OrdinalIgnoreCase)
            .TrimEnd('/');
        static string? HandlerOf(string url) => url.Split('?').Skip(1).SelectMany(q => q.Split('&'))
            .Where(p => p.StartsWith("handler=", StringComparison.OrdinalIgnoreCase)).Select(p => p[8..]).FirstOrDefault();
        bool PostsTo(string? target) =>
            string.IsNullOrEmpty(target)
                ? handler is null
                : string.Equals(Path(target), Path(pageUrl), StringComparison.OrdinalIgnoreCase)
                  && string.Equals(HandlerOf(target), handler, StringComparison.OrdinalIgnoreCase);
        return page.QuerySelectorAll<IHtmlFormElement>("main form[method=post]")
            .FirstOrDefault(form => PostsTo(form.GetAttribute("action"))
                || form.QuerySelectorAll("[formaction]").Any(b => PostsTo(b.GetAttribute("formaction"))));
    }

    /// <summary>Every business table's rows, as one hash per table: an insert, update or delete shows.</summary>
    private async Task<Dictionary<string, string>> FingerprintAsync() => await App.WithDbAsync(async db =>
    {
        var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
            .ToListAsync();
        var sql = new StringBuilder();
        foreach (var table in tables.Where(t => !NotBusinessTables.Contains(t)).Order(StringComparer.Ordinal))
        {
            sql.Append(sql.Length == 0 ? string.Empty : " UNION ALL ")
                .Append($"SELECT '{table}' || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS \"Value\" FROM \"{table}\" x");
        }

        var rows = await db.Database.SqlQueryRaw<string>(sql.ToString()).ToListAsync();
        return rows.Select(r => r.Split(':', 2)).ToDictionary(r => r[0], r => r[1]);
    });

    private sealed record PageUnderTest(string Page, string Path, List<(string Name, Type Type)> GetFields,
        List<(string? Handler, List<(string Name, Type Type)> Fields)> PostHandlers);
}

using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Leads;
using DealerCrm.Web.Pages.Reports;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The data-quality report computes completeness levels, valid mobiles and complete addresses in SQL
/// (<see cref="DataQualityQueries.CustomerFiguresSql"/>); the domain's C# (<see cref="InformationCompleteness.Level"/>
/// over <see cref="LeadQueries.CompletenessFacts"/>, <see cref="DataQualityQueries.IsValidMobile"/>,
/// <see cref="PostalAddress.IsComplete(Customer)"/>) is the definition. Over a few hundred customers whose stored
/// values sit on every edge of those rules — written straight into the rows, as an import or an old version could
/// have left them, since the forms would normalize most of them away — the SQL must say, customer by customer, what
/// the C# says, and the report's totals must be the C# totals.
/// </summary>
public sealed class DataQualitySqlEquivalenceTests(AppFixture app) : WebTest(app)
{
    private static readonly DateTimeOffset ReadAt = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Values a completeness fact counts as filled: something that is not white space (a zero-width space and
    /// the Mongolian vowel separator are format characters, not white space).</summary>
    private static readonly string[] Filled = ["有", " 有 ", "\u3000有", "\u200B", "\u180E", "a\u00A0b", "\n有\n"];

    /// <summary>Values that are not filled: null, empty, and white space of every kind .NET knows.</summary>
    private static readonly string?[] Empty =
        [null, "", " ", "\u3000", "\t\r\n", "\u00A0", "\u2007\u205F", "\u0085", "\u2028\u2029", "\u000B\u000C", "\u1680\u202F"];

    private static readonly (string? Address, string? Postcode)[] CompleteAddresses =
    [
        ("浙江省杭州市西湖区文三路100号", "310000"),
        ("北京市朝阳区建国路88号", "100020"),
        ("北京朝阳区建国路88号", "100020"),
        ("上海市浦东新区世纪大道100号", "200120"),
        ("重庆渝中区解放碑街道1号", "400010"),
        ("广西壮族自治区南宁市青秀区民族大道 12 号", "530000"),
        ("新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路5号", "835000"),
        ("内蒙古自治区锡林郭勒盟锡林浩特市额尔敦路7号", "026000"),
        ("浙江省杭州市西湖区文三路１００号", "310000"),
        ("浙江省杭州市西湖区文三路\u00A0100\u3000号", "310000"),
        ("  天津市和平区南京路1号", "300000"),
        ("\u3000\t北京市东城区东四胡同3号", "100010"),
        ("\n上海市黄浦区南京东路1号\n", "200001"),
        ("浙江省杭州市西湖区文三路100号　", "310000"),
        ("北京市\n朝阳区建国路88\n号", "100020"),
        ("浙江省杭٣州市西湖区文三路100号", "310000"),
        ("江苏省苏州市吴中区木渎镇金山村8号", "215101"),
        ("广东省深圳市宝安区宝城25区新安里9号", "518000"),
    ];

    private static readonly (string? Address, string? Postcode)[] IncompleteAddresses =
    [
        ("浙江省杭州市文三路100号", "310000"),
        ("浙江省杭州市西湖区文三路100", "310000"),
        ("浙江省杭州市西湖区文三路号", "310000"),
        ("浙江省杭州市西湖区100号", "310000"),
        ("杭州市西湖区文三路100号", "310000"),
        ("北京朝阳区建国路八十八号", "100020"),
        ("浙江省1杭州市西湖区文三路100号", "310000"),
        ("浙江省杭州市西湖区文三路١٠٠号", "310000"),
        ("  北 京市朝阳区建国路88号", "100020"),
        ("北京市朝阳区建国路88号", "10002"),
        ("北京市朝阳区建国路88号", "10002A"),
        ("北京市朝阳区建国路88号", "１０００２０"),
        ("北京市朝阳区建国路88号", " 10002"),
        ("北京市朝阳区建国路88号", "10002\n"),
        ("北京市朝阳区建国路88号", ""),
        ("北京市朝阳区建国路88号", null),
        (null, "100020"),
        ("", "100020"),
        (" ", "100020"),
        ("号", "100020"),
    ];

    /// <summary>Mobile shapes by a number that keeps each value unique in the store (the unique index).</summary>
    private static readonly Func<int, string>[] Mobiles =
    [
        i => $"139{i:D8}",
        i => $"17{i:D9}",
        i => $"12{i:D9}",
        i => $"10{i:D9}",
        i => $"138{i:D7}",
        i => $"+86138{i:D5}",
        i => $"138 {i:D4} 00",
        i => $"010-{i:D7}",
        i => string.Concat($"139{i:D8}".Select(c => (char)(c - '0' + '０'))),
        i => $" 139{i:D7}",
        i => $"139{i:D7}\n",
        i => $"0086139{i:D4}",
    ];

    private static readonly Person Full = new()
    {
        Name = "钱女士",
        Gender = (int)Gender.Female,
        Region = "浦东",
        HomePhone = "021-5555",
        OfficePhone = "021-6666",
        Industry = "教育",
        Occupation = "教师",
        Employer = "实验中学",
        HomeAddress = "浙江省杭州市西湖区文三路100号",
        HomePostcode = "310000",
        Birthday = new DateOnly(1985, 3, 1),
        Cards = [Card.Full],
    };

    [Fact]
    public async Task The_sql_figures_are_the_domain_figures_customer_by_customer_and_in_total()
    {
        App.PinClock(ReadAt);
        var store = await App.CreateStoreAsync("S1", "东区店");
        var other = await App.CreateStoreAsync("S2", "西区店");
        var consultant = await App.CreateUserAsync("consultant", store.Id, Roles.SalesConsultant);
        var people = People();
        await SaveAsync(store, other, consultant.Id, people);

        var expected = await App.WithDbAsync(db => DomainFiguresAsync(db, store.Id));
        var actual = await App.WithDbAsync(db => db.Database
            .SqlQueryRaw<CustomerFigures>(DataQualityQueries.CustomerFiguresSql,
                DataQualityQueries.CustomerFiguresParameters(store.Id))
            .ToListAsync());

        expected.Should().HaveCount(people.Count);
        actual.OrderBy(r => r.CustomerId).Should().Equal(expected.OrderBy(r => r.CustomerId));

        // The data tells the rules apart: every level, and both answers of the other two, are present.
        expected.Select(r => r.Level).Distinct().Order().Should().Equal(Enumerable.Range(0, InformationCompleteness.MaxLevel + 1));
        expected.Select(r => r.ValidMobile).Distinct().Should().HaveCount(2);
        expected.Select(r => r.CompleteAddress).Distinct().Should().HaveCount(2);

        var figures = await App.WithDbAsync(async db =>
        {
            var s = await db.Stores.AsNoTracking().SingleAsync(x => x.Id == store.Id);
            var today = s.LocalDate(ReadAt);
            var first = new DateOnly(today.Year, today.Month, 1);
            return await DataQualityQueries.ReadAsync(db, s, s.StartOfLocalDay(first), ReadAt, first, today, ReadAt);
        });
        figures.Customers.Should().Be(expected.Count);
        figures.ValidMobile.Should().Be(expected.Count(r => r.ValidMobile));
        figures.CompleteAddress.Should().Be(expected.Count(r => r.CompleteAddress));
        figures.Levels.Should().Equal(Enumerable.Range(0, InformationCompleteness.MaxLevel + 1)
            .Select(level => expected.Count(r => r.Level == level)));
    }

    [Fact]
    public async Task PostgreSQL_reads_the_white_space_class_as_dotnet_does_for_every_character()
    {
        // Every code point of the basic plane but the surrogates (not characters of their own in UTF-8) and NUL.
        var inDatabase = await App.WithDbAsync(db => db.Database.SqlQuery<int>($"""
            SELECT i AS "Value" FROM generate_series(1, 65535) i
            WHERE (i < 55296 OR i > 57343) AND chr(i) ~ {PortableRegex.WhiteSpace}
            ORDER BY i
            """).ToListAsync());
        var notWhiteSpace = await App.WithDbAsync(db => db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM generate_series(1, 65535) i
            WHERE (i < 55296 OR i > 57343) AND chr(i) ~ {InformationCompleteness.FilledPattern}
            """).ToListAsync());

        var inDotnet = Enumerable.Range(1, 65535).Where(i => i is < 0xD800 or > 0xDFFF && char.IsWhiteSpace((char)i)).ToList();
        inDatabase.Should().Equal(inDotnet);
        notWhiteSpace.Should().Equal(65535 - 2048 - inDotnet.Count);
    }

    [Fact]
    public async Task A_shared_mobile_is_one_customer_s_mobile_that_others_give_as_another_number()
    {
        App.PinClock(ReadAt);
        var store = await App.CreateStoreAsync("S1", "东区店");
        var other = await App.CreateStoreAsync("S2", "西区店");
        Task<Customer> Make(int storeId, string name, string? mobile) => App.CreateCustomerAsync(storeId, name, mobile);
        var a = await Make(store.Id, "甲", "13800000001");
        var b = await Make(store.Id, "乙", "13800000002");
        var c = await Make(store.Id, "丙", null);
        var d = await Make(store.Id, "丁", "13800000004");
        var e = await Make(store.Id, "戊", "13800000005");
        var f = await Make(other.Id, "己", null);
        var g = await Make(store.Id, "庚", "13800000007");

        // 甲 gives their own mobile again (not shared by that); 乙 gives 甲's twice (counted once) and is given by 丁;
        // 丙 prefers 甲's; 戊 gives a landline; 己, in another store, gives 庚's; nobody gives 戊's or 庚's here.
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE customers SET home_phone = v.home, office_phone = v.office, preferred_contact_number = v.preferred
            FROM (VALUES ({a.Id}, '13800000001', NULL, NULL), ({b.Id}, '13800000001', '13800000001', NULL),
                         ({c.Id}, NULL, NULL, '13800000001'), ({d.Id}, '13800000002', NULL, '13800000004'),
                         ({e.Id}, '0571-88886666', NULL, NULL), ({f.Id}, '13800000007', NULL, NULL))
                 AS v(id, home, office, preferred)
            WHERE customers.id = v.id
            """));

        var figures = await App.WithDbAsync(async db =>
        {
            var s = await db.Stores.AsNoTracking().SingleAsync(x => x.Id == store.Id);
            var today = s.LocalDate(ReadAt);
            var first = new DateOnly(today.Year, today.Month, 1);
            return await DataQualityQueries.ReadAsync(db, s, s.StartOfLocalDay(first), ReadAt, first, today, ReadAt);
        });

        figures.SharedMobiles.Should().Equal(
            new SharedMobileRow("13800000001", 3, a.Id, "甲、乙、丙", 2),
            new SharedMobileRow("13800000002", 2, b.Id, "乙、丁", 2));
        figures.SharedMobileGroups.Should().Be(2);
    }

    /// <summary>The customers: every fact missing alone (each way of being empty), the number and address facts
    /// through their fallbacks, the lead arrangements (none, older, tied, another store's), then a seeded mix.</summary>
    private static List<Person> People()
    {
        var people = new List<Person>();
        var n = 1000;
        Person Next(Person p) => p with { Mobile = p.Mobile ?? Mobiles[0](n++) };

        people.Add(Next(Full));
        foreach (var empty in Empty)
        {
            people.Add(Next(Full with { Name = empty ?? "" }));
            people.Add(Next(Full with { Region = empty }));
            people.Add(Next(Full with { Industry = empty }));
            people.Add(Next(Full with { Occupation = empty }));
            people.Add(Next(Full with { Employer = empty }));
            people.Add(Next(Full with { HomeAddress = empty, HomePostcode = null }));
            people.Add(Next(Full with { Cards = [Card.Full with { IntendedModel = empty }] }));
            people.Add(Next(Full with { Cards = [Card.Full with { CompetitorModels = empty }] }));
            people.Add(Next(Full with { Cards = [Card.Full with { HeardOfUsFrom = empty }] }));
            people.Add(Next(Full with { Cards = [Card.Full with { IntendedUse = empty }] }));
            people.Add(Next(Full with { Cards = [Card.Full with { OtherNeeds = empty }] }));
        }

        foreach (var filled in Filled)
        {
            people.Add(Next(Full with { Name = filled, Region = filled, Employer = filled }));
            people.Add(Next(Full with { Cards = [Card.Full with { OtherNeeds = filled, IntendedModel = filled }] }));
        }

        people.Add(Next(Full with { Gender = (int)Gender.Unknown }));
        people.Add(Next(Full with { Gender = (int)Gender.Male }));
        people.Add(Next(Full with { Birthday = null }));
        people.Add(Next(Full with { Cards = [Card.Full with { PurchaseType = (int)PurchaseType.Unknown }] }));
        people.Add(Next(Full with { Cards = [Card.Full with { PaymentMethod = (int)PaymentMethod.Unknown }] }));
        people.Add(Next(Full with { Cards = [] }));

        // The contact number is the mobile, else the home phone, else the office phone: a white-space value in front
        // hides a filled one behind it.
        people.Add(Full with { Mobile = null });
        people.Add(Full with { Mobile = null, HomePhone = null });
        people.Add(Full with { Mobile = null, HomePhone = null, OfficePhone = null });
        people.Add(Full with { Mobile = null, HomePhone = " ", OfficePhone = "021-6666" });
        people.Add(Full with { Mobile = " " });
        people.Add(Full with { Mobile = "", HomePhone = null, OfficePhone = null });
        people.Add(Full with { Mobile = "\u3000", HomePhone = null });
        people.Add(Full with { Mobile = null, HomePhone = null, OfficePhone = "\u200B" });

        // The address fact is the home address, else the work address; the postal address is either pair.
        people.Add(Next(Full with { HomeAddress = null, HomePostcode = null, WorkAddress = "上海市黄浦区南京东路1号", WorkPostcode = "200001" }));
        people.Add(Next(Full with { HomeAddress = null, HomePostcode = "310000", WorkAddress = "\u3000", WorkPostcode = "200001" }));
        people.Add(Next(Full with { HomeAddress = " ", WorkAddress = "上海市黄浦区南京东路1号", WorkPostcode = "200001" }));
        people.Add(Next(Full with { HomePostcode = null, WorkAddress = null, WorkPostcode = "310000" }));
        people.Add(Next(Full with { HomePostcode = "31000", WorkAddress = "上海市黄浦区南京东路1号", WorkPostcode = "200001" }));
        people.Add(Next(Full with { HomeAddress = "上海市黄浦区南京东路", WorkAddress = "上海市黄浦区南京东路1号", WorkPostcode = null }));
        foreach (var (address, postcode) in CompleteAddresses.Concat(IncompleteAddresses))
        {
            people.Add(Next(Full with { HomeAddress = address, HomePostcode = postcode }));
            people.Add(Next(Full with { HomeAddress = "杭州", HomePostcode = "310000", WorkAddress = address, WorkPostcode = postcode }));
        }

        // The latest lead of the store decides: by created_at, and of two made at the same instant the higher id.
        var sparse = Card.Full with { IntendedUse = null };
        people.Add(Next(Full with { Cards = [Card.Full with { Minutes = -60 }, sparse] }));
        people.Add(Next(Full with { Cards = [sparse with { Minutes = -60 }, Card.Full] }));
        people.Add(Next(Full with { Cards = [Card.Full, sparse] }));
        people.Add(Next(Full with { Cards = [sparse, Card.Full] }));
        people.Add(Next(Full with { Cards = [Card.Full with { Minutes = 5 }, sparse, Card.Full] }));
        people.Add(Next(Full with { Cards = [sparse, Card.Full with { Minutes = 60, OtherStore = true }] }));
        people.Add(Next(Full with { Cards = [Card.Full with { Minutes = 60, OtherStore = true }] }));
        people.Add(Next(Full with { Cards = [Card.Full with { Minutes = 1 }, sparse with { Minutes = -1 }, sparse] }));

        // Mobiles of every shape, then a seeded mix of everything: most facts filled, so every level is reached.
        for (var kind = 0; kind < Mobiles.Length; kind++)
        {
            people.Add(Full with { Mobile = Mobiles[kind](n++) });
        }

        var random = new Random(66);
        T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
        string? Fact(string? full) => random.Next(10) < 8 ? (random.Next(3) == 0 ? Pick(Filled) : full) : Pick(Empty);
        Card RandomCard(int minutes) => new()
        {
            Minutes = minutes,
            IntendedModel = Fact("哈弗H6"),
            CompetitorModels = Fact("星越L"),
            HeardOfUsFrom = Fact("朋友"),
            IntendedUse = Fact("家用"),
            OtherNeeds = Fact("儿童座椅"),
            PurchaseType = random.Next(10) < 8 ? (int)PurchaseType.First : (int)PurchaseType.Unknown,
            PaymentMethod = random.Next(10) < 8 ? (int)PaymentMethod.Loan : (int)PaymentMethod.Unknown,
            OtherStore = random.Next(10) == 0,
        };
        for (var i = 0; i < 250; i++)
        {
            var (homeAddress, homePostcode) = random.Next(2) == 0 ? Pick(CompleteAddresses) : Pick(IncompleteAddresses);
            var (workAddress, workPostcode) = random.Next(3) == 0 ? Pick(CompleteAddresses) : Pick(IncompleteAddresses);
            people.Add(new Person
            {
                Name = random.Next(20) == 0 ? Pick(Empty) ?? "" : "客户" + i,
                Gender = random.Next(10) == 0 ? (int)Gender.Unknown : (int)Gender.Male,
                Region = Fact("西湖"),
                Mobile = random.Next(8) == 0 ? null : Pick(Mobiles)(i),
                HomePhone = Fact("0571-8888"),
                OfficePhone = Fact("0571-9999"),
                Industry = Fact("制造"),
                Occupation = Fact("工程师"),
                Employer = Fact("某某公司"),
                HomeAddress = homeAddress,
                HomePostcode = homePostcode,
                WorkAddress = workAddress,
                WorkPostcode = workPostcode,
                Birthday = random.Next(5) == 0 ? null : new DateOnly(1980, 1, 1).AddDays(i),
                Cards = [.. Enumerable.Range(0, random.Next(4)).Select(k => RandomCard(random.Next(3) * 30 - k))],
            });
        }

        return people;
    }

    /// <summary>
    /// Saves the people as customers and their cards as leads through the domain, then writes the stored values the
    /// forms would not let through straight into the rows. A customer's leads are made one round at a time (every
    /// round gets higher ids than the one before) and closed, since a customer has one open lead at most.
    /// </summary>
    private async Task SaveAsync(Store store, Store other, long ownerId, List<Person> people)
    {
        var customers = people.Select(_ => new Customer(store.Id, "占位", Gender.Male, null, App.Now)).ToList();
        await App.WithDbAsync(async db =>
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
        });
        var ids = customers.Select(c => c.Id).ToArray();
        var names = people.Select(p => p.Name).ToArray();
        var genders = people.Select(p => p.Gender).ToArray();
        var regions = people.Select(p => p.Region).ToArray();
        var mobiles = people.Select(p => p.Mobile).ToArray();
        var homePhones = people.Select(p => p.HomePhone).ToArray();
        var officePhones = people.Select(p => p.OfficePhone).ToArray();
        var industries = people.Select(p => p.Industry).ToArray();
        var occupations = people.Select(p => p.Occupation).ToArray();
        var employers = people.Select(p => p.Employer).ToArray();
        var homeAddresses = people.Select(p => p.HomeAddress).ToArray();
        var homePostcodes = people.Select(p => p.HomePostcode).ToArray();
        var workAddresses = people.Select(p => p.WorkAddress).ToArray();
        var workPostcodes = people.Select(p => p.WorkPostcode).ToArray();
        var birthdays = people.Select(p => p.Birthday?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE customers c
            SET name = v.name, gender = v.gender, region = v.region, mobile = v.mobile, home_phone = v.home_phone,
                office_phone = v.office_phone, industry = v.industry, occupation = v.occupation, employer = v.employer,
                home_address = v.home_address, home_postcode = v.home_postcode, work_address = v.work_address,
                work_postcode = v.work_postcode, birthday = v.birthday::date
            FROM unnest({ids}, {names}, {genders}, {regions}, {mobiles}, {homePhones}, {officePhones}, {industries},
                        {occupations}, {employers}, {homeAddresses}, {homePostcodes}, {workAddresses}, {workPostcodes},
                        {birthdays})
                 AS v(id, name, gender, region, mobile, home_phone, office_phone, industry, occupation, employer,
                      home_address, home_postcode, work_address, work_postcode, birthday)
            WHERE c.id = v.id
            """));

        var policy = new GradePolicy(store.Id);
        var today = store.LocalDate(App.Now);
        for (var round = 0; round < people.Max(p => p.Cards.Count); round++)
        {
            var made = people.Select((p, i) => (Card: p.Cards.ElementAtOrDefault(round), Customer: customers[i]))
                .Where(x => x.Card is not null)
                .Select(x => (Card: x.Card!, Lead: Lead.Create(new NewLead
                {
                    StoreId = store.Id,
                    CustomerId = x.Customer.Id,
                    OwnerId = ownerId,
                    Source = SourceChannel.DealerWebsite,
                    Grade = Grade.A,
                    Interest = new LeadInterest { IntendedModel = "占位" },
                    FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(Grade.A, today), null, ContactMethod.Phone,
                        PlanPurpose.InviteToStore, null, null),
                }, policy, today, App.Now)))
                .ToList();
            await App.WithDbAsync(async db =>
            {
                db.Leads.AddRange(made.Select(x => x.Lead));
                await db.SaveChangesAsync();
            });
            var cards = made.Select(x => x.Card).ToList();
            var leadIds = made.Select(x => x.Lead.Id).ToArray();
            var stores = cards.Select(c => c.OtherStore ? other.Id : store.Id).ToArray();
            var createdAt = cards.Select(c => ReadAt.AddDays(-10).AddMinutes(c.Minutes).UtcDateTime).ToArray();
            var models = cards.Select(c => c.IntendedModel).ToArray();
            var competitors = cards.Select(c => c.CompetitorModels).ToArray();
            var heard = cards.Select(c => c.HeardOfUsFrom).ToArray();
            var uses = cards.Select(c => c.IntendedUse).ToArray();
            var purchaseTypes = cards.Select(c => c.PurchaseType).ToArray();
            var paymentMethods = cards.Select(c => c.PaymentMethod).ToArray();
            var otherNeeds = cards.Select(c => c.OtherNeeds).ToArray();
            var closed = (int)LeadStatus.Defeated;
            await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
                UPDATE leads l
                SET store_id = v.store_id, created_at = v.created_at, status = {closed},
                    interest_intended_model = v.model, interest_competitor_models = v.competitors,
                    needs_heard_of_us_from = v.heard, interest_intended_use = v.use,
                    interest_purchase_type = v.purchase_type, interest_payment_method = v.payment_method,
                    needs_other_needs = v.other_needs
                FROM unnest({leadIds}, {stores}, {createdAt}, {models}, {competitors}, {heard}, {uses},
                            {purchaseTypes}, {paymentMethods}, {otherNeeds})
                     AS v(id, store_id, created_at, model, competitors, heard, use, purchase_type, payment_method,
                          other_needs)
                WHERE l.id = v.id
                """));
        }
    }

    /// <summary>The figures by the domain's C#, over the rows as stored.</summary>
    private static async Task<List<CustomerFigures>> DomainFiguresAsync(CrmDbContext db, int storeId)
    {
        var customers = await db.Customers.AsNoTracking().Where(c => c.StoreId == storeId).ToListAsync();
        var leads = await db.Leads.AsNoTracking().Where(l => l.StoreId == storeId).ToListAsync();
        var latest = leads.GroupBy(l => l.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).First());
        return customers.Select(c => new CustomerFigures(c.Id,
                InformationCompleteness.Level(LeadQueries.CompletenessFacts(c, latest.GetValueOrDefault(c.Id))),
                DataQualityQueries.IsValidMobile(c.Mobile), PostalAddress.IsComplete(c)))
            .ToList();
    }

    private sealed record CustomerFigures(long CustomerId, int Level, bool ValidMobile, bool CompleteAddress);

    private sealed record Person
    {
        public string Name { get; init; } = "";

        public int Gender { get; init; }

        public string? Region { get; init; }

        public string? Mobile { get; init; }

        public string? HomePhone { get; init; }

        public string? OfficePhone { get; init; }

        public string? Industry { get; init; }

        public string? Occupation { get; init; }

        public string? Employer { get; init; }

        public string? HomeAddress { get; init; }

        public string? HomePostcode { get; init; }

        public string? WorkAddress { get; init; }

        public string? WorkPostcode { get; init; }

        public DateOnly? Birthday { get; init; }

        public IReadOnlyList<Card> Cards { get; init; } = [];
    }

    /// <summary>A lead's facts, made <see cref="Minutes"/> after the others (ties are the same instant).</summary>
    private sealed record Card
    {
        public static readonly Card Full = new()
        {
            IntendedModel = "哈弗H6",
            CompetitorModels = "星越L",
            HeardOfUsFrom = "朋友",
            IntendedUse = "家用",
            OtherNeeds = "需要儿童座椅",
            PurchaseType = (int)Domain.Leads.PurchaseType.First,
            PaymentMethod = (int)Domain.Leads.PaymentMethod.Full,
        };

        public int Minutes { get; init; }

        public string? IntendedModel { get; init; }

        public string? CompetitorModels { get; init; }

        public string? HeardOfUsFrom { get; init; }

        public string? IntendedUse { get; init; }

        public string? OtherNeeds { get; init; }

        public int PurchaseType { get; init; }

        public int PaymentMethod { get; init; }

        public bool OtherStore { get; init; }
    }
}

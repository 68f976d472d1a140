using System.Text;
using DealerCrm.Domain.Common;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// The service advisor imports the day's repair orders from the DMS (spec 4.2): a small file with one bad row — the
/// good rows are imported, the bad one is listed with its line, column and reason. Order numbers and VINs are the
/// test's own, so no other test's data is touched.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceImportTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_service_advisor_uploads_a_file_with_one_bad_row_and_sees_the_result()
    {
        var yesterday = TimeZoneInfo.ConvertTime(browser.Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
            .Date.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = string.Join("\r\n",
            "委托书号,车架号,车牌号,品牌,车型,车主姓名,车主手机,开单时间,完工时间,进厂里程,维修类型,金额,服务顾问,是否接受回访",
            $"E2E-RO-001,{Vin.WithCheckDigit("LE2EA0000E0000001")},,吉利,星越L,端到端一,13711110001,{yesterday} 09:00,{yesterday} 15:00,8000,首保,0,serviceadvisor,是",
            $"E2E-RO-002,{Vin.WithCheckDigit("LE2EA0000E0000002")},,吉利,博越,端到端二,13711110002,{yesterday} 10:00,,12000,保养;小修,450.00,,否",
            $"E2E-RO-003,LE2EA0000E0000003,,吉利,帝豪,端到端三,13711110003,{yesterday} 11:00,,5000,保养,300.00,,是");
        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "serviceadvisor");

        await page.GotoAsync("/Service/Import");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "dms-e2e.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(page.GetByTestId("import-result")).ToContainTextAsync("dms-e2e.csv");
        await Expect(page.GetByTestId("added")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("refused")).ToHaveTextAsync("1");
        var bad = page.GetByTestId("import-problems").Locator("tbody tr");
        await Expect(bad).ToHaveCountAsync(1);
        await Expect(bad.First).ToContainTextAsync("4");
        await Expect(bad.First).ToContainTextAsync("VIN");
        await Expect(bad.First).ToContainTextAsync("check digit");
        await Expect(page.GetByTestId("import-recent")).ToContainTextAsync("dms-e2e.csv");
        await page.Context.CloseAsync();
    }
}

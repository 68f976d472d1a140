using System.Text;
using DealerCrm.Web.Infrastructure.Export;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DealerCrm.Web.Tests.Export;

/// <summary>The exports' writer on its own: valid files, the formula guard, the cap, no synchronous IO.</summary>
public sealed class TableExportTests
{
    private static readonly ExportColumn<string[]>[] Columns =
    [
        new("客户", r => r[0]),
        new("=Note", r => r[1]),
    ];

    [Fact]
    public async Task An_xlsx_export_opens_as_a_valid_workbook_with_the_header_the_rows_and_escaped_formulas()
    {
        string[][] rows =
        [
            ["钱晓红", "=HYPERLINK(\"http://x\",\"x\")"],
            ["+86 138", "-2+3"],
            ["@SUM(A1)", "\tTab"],
            ["\rReturn", null!],
            ["  spaced  ", "plain"],
        ];
        var body = new AsyncOnlyStream();

        var outcome = await TableExport.WriteAsync(ExportFormat.Xlsx, body, "线索", Columns, Async(rows),
            CancellationToken.None);

        (outcome.Rows, outcome.Capped).Should().Be((5, false));
        var sheet = XlsxSheet.Read(body.ToArray());
        sheet.ValidationErrors.Should().BeEmpty();
        sheet.Name.Should().Be("线索");
        sheet.Formulas.Should().Be(0);
        sheet.Rows.Should().HaveCount(6);
        sheet.Rows[0].Should().Equal("客户", "'=Note");
        sheet.Rows[1].Should().Equal("钱晓红", "'=HYPERLINK(\"http://x\",\"x\")");
        sheet.Rows[2].Should().Equal("'+86 138", "'-2+3");
        sheet.Rows[3].Should().Equal("'@SUM(A1)", "'\tTab");
        sheet.Rows[4][0].Should().MatchRegex("^'[\r\n]Return$", "XML reads a carriage return as a line feed");
        sheet.Rows[4].Skip(1).Should().OnlyContain(text => text.Length == 0);
        sheet.Rows[5].Should().Equal("  spaced  ", "plain");
    }

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Xlsx)]
    public async Task An_export_past_the_cap_stops_at_the_cap_and_says_it_was_capped(ExportFormat format)
    {
        var body = new AsyncOnlyStream();

        var outcome = await TableExport.WriteAsync(format, body, "Leads", Columns, Numbered(TableExport.MaxRows + 1),
            CancellationToken.None);

        (outcome.Rows, outcome.Capped).Should().Be((TableExport.MaxRows, true));
        var lines = format == ExportFormat.Csv
            ? Encoding.UTF8.GetString(body.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            : XlsxSheet.Read(body.ToArray(), validate: false).Rows.Select(r => string.Join(',', r)).ToArray();
        lines.Should().HaveCount(TableExport.MaxRows + 1, "the header and the first MaxRows rows");
        lines[^1].Should().StartWith($"name {TableExport.MaxRows - 1},");
    }

    [Fact]
    public async Task An_export_at_the_cap_is_not_capped()
    {
        var outcome = await TableExport.WriteAsync(ExportFormat.Csv, new AsyncOnlyStream(), "Leads", Columns,
            Numbered(TableExport.MaxRows), CancellationToken.None);

        (outcome.Rows, outcome.Capped).Should().Be((TableExport.MaxRows, false));
    }

    [Fact]
    public async Task A_capped_download_hands_its_audit_entry_the_capped_outcome()
    {
        var http = new DefaultHttpContext { Response = { Body = new AsyncOnlyStream() } };
        ExportOutcome? audited = null;
        var result = new ExportResult<string[]>(ExportFormat.Xlsx, "leads-x", "Leads", Columns,
            Numbered(TableExport.MaxRows + 1), outcome =>
            {
                audited = outcome;
                return Task.CompletedTask;
            });

        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new()));

        http.Response.ContentType.Should().Be(TableExport.ContentType(ExportFormat.Xlsx));
        audited.Should().Be(new ExportOutcome(ExportFormat.Xlsx, TableExport.MaxRows, Capped: true));
        ExportAudit.Details(audited!, "search=no").Should()
            .Be($"format=xlsx; rows={TableExport.MaxRows}; capped=yes; search=no");
    }

    private static async IAsyncEnumerable<string[]> Async(IEnumerable<string[]> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async IAsyncEnumerable<string[]> Numbered(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 10_000 == 0)
            {
                await Task.Yield();
            }

            yield return [$"name {i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
    }

    /// <summary>A response body as Kestrel gives it: asynchronous writes only.</summary>
    private sealed class AsyncOnlyStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Write(ReadOnlySpan<byte> buffer) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void WriteByte(byte value) =>
            throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            base.Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            base.Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

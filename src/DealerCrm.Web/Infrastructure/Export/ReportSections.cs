using System.Globalization;
using System.Text;
using CsvHelper;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace DealerCrm.Web.Infrastructure.Export;

/// <summary>What a report cell holds: text, a count, or a share (a fraction, shown as a percentage with one decimal).</summary>
public enum ReportCellKind
{
    Text,
    Count,
    Percent,

    /// <summary>A number with one decimal (a median of days): "—" when there is none.</summary>
    OneDecimal,

    /// <summary>An amount of money in yuan, two decimals (issue 15: a campaign's cost per lead and per sale).</summary>
    Money,
}

/// <summary>
/// One cell of a report table: the text the page shows and, for counts and shares, the number itself (null for a share
/// with a zero denominator, shown as "—"). The page, the .xlsx and the CSV are written from the same cells.
/// </summary>
public sealed record ReportCell(ReportCellKind Kind, string Text, double? Number)
{
    public const string NoValue = "—";

    public static ReportCell Label(string text) => new(ReportCellKind.Text, text, null);

    public static ReportCell Count(int count) =>
        new(ReportCellKind.Count, count.ToString(CultureInfo.InvariantCulture), count);

    /// <summary>A share of <paramref name="denominator"/>: "—" when it is zero, else one decimal ("90.0%").</summary>
    public static ReportCell Share(int numerator, int denominator) =>
        denominator == 0
            ? new(ReportCellKind.Percent, NoValue, null)
            : new(ReportCellKind.Percent, FormatShare((double)numerator / denominator), (double)numerator / denominator);

    /// <summary>A number shown with one decimal ("3.5"); "—" when null (e.g. the median of nothing).</summary>
    public static ReportCell OneDecimal(double? value) =>
        value is { } v
            ? new(ReportCellKind.OneDecimal, Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture), v)
            : new(ReportCellKind.OneDecimal, NoValue, null);

    /// <summary>An amount in yuan with two decimals; "—" when there is none (a cost per nothing).</summary>
    public static ReportCell Money(decimal? amount) =>
        amount is { } a
            ? new(ReportCellKind.Money, a.ToString("#,##0.00", CultureInfo.InvariantCulture), (double)decimal.Round(a, 2))
            : new(ReportCellKind.Money, NoValue, null);

    public static string FormatShare(double fraction) =>
        (Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero)).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>One row of a report table; <see cref="Key"/> identifies it across two versions of the same report.</summary>
public sealed record ReportRow(string Key, IReadOnlyList<ReportCell> Cells, bool IsTotal = false);

/// <summary>One table of a report: its id (stable, for tests and comparisons), title, headers and rows.</summary>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<string> Headers, IReadOnlyList<ReportRow> Rows);

/// <summary>
/// A report of several small tables written as one workbook (one sheet per table; counts as numbers, shares as
/// number cells formatted 0.0%) or one CSV (the tables one after another, each under its title). Report tables are
/// small, so both are built in memory. Text cells are made safe from formula injection as in <see cref="TableExport"/>.
/// </summary>
public static class ReportSections
{
    /// <summary>The rows above the tables: the report's title and what it covers (store, period, type, time produced).</summary>
    public static async Task<byte[]> ToXlsxAsync(IReadOnlyList<string> heading, IReadOnlyList<ReportSection> sections,
        CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions
                     {
                         PreserveStringWhitespace = true,
                         WriteCellReferenceAttributes = true,
                     }, cancellationToken))
        {
            var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true } });
            var percent = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("0.0%") });
            var boldPercent = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Format = NumberFormat.Custom("0.0%") });
            var oneDecimal = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("0.0") });
            var boldOneDecimal = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Format = NumberFormat.Custom("0.0") });

            var money = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("#,##0.00") });
            var boldMoney = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Format = NumberFormat.Custom("#,##0.00") });
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var section in sections)
            {
                await spreadsheet.StartWorksheetAsync(SheetName(section.Title, names), token: cancellationToken);
                foreach (var line in heading)
                {
                    await spreadsheet.AddRowAsync([new Cell(TableExport.Escape(line))], cancellationToken);
                }

                await spreadsheet.AddRowAsync([new Cell(TableExport.Escape(section.Title), bold)], cancellationToken);
                await spreadsheet.AddRowAsync(section.Headers.Select(h => new Cell(TableExport.Escape(h), bold)).ToArray(),
                    cancellationToken);
                foreach (var row in section.Rows)
                {
                    var cells = row.Cells.Select(c => c switch
                    {
                        { Kind: ReportCellKind.Count, Number: { } n } => row.IsTotal ? new Cell(n, bold) : new Cell(n),
                        { Kind: ReportCellKind.Percent, Number: { } n } => new Cell(n, row.IsTotal ? boldPercent : percent),
                        { Kind: ReportCellKind.OneDecimal, Number: { } n } => new Cell(n, row.IsTotal ? boldOneDecimal : oneDecimal),

                        { Kind: ReportCellKind.Money, Number: { } n } => new Cell(n, row.IsTotal ? boldMoney : money),
                        _ => row.IsTotal ? new Cell(TableExport.Escape(c.Text), bold) : new Cell(TableExport.Escape(c.Text)),
                    }).ToArray();
                    await spreadsheet.AddRowAsync(cells, cancellationToken);
                }
            }

            await spreadsheet.FinishAsync(cancellationToken);
        }

        return output.ToArray();
    }

    /// <summary>The CSV: the heading lines, then each table under its title, a blank line between tables.</summary>
    public static byte[] ToCsv(IReadOnlyList<string> heading, IReadOnlyList<ReportSection> sections)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(buffer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
               {
                   InjectionOptions = CsvHelper.Configuration.InjectionOptions.None,
                   NewLine = "\r\n",
               }, leaveOpen: true))
        {
            void Line(IEnumerable<string> fields)
            {
                foreach (var field in fields)
                {
                    csv.WriteField(TableExport.Escape(field));
                }

                csv.NextRecord();
            }

            foreach (var line in heading)
            {
                Line([line]);
            }

            foreach (var section in sections)
            {
                csv.NextRecord();
                Line([section.Title]);
                Line(section.Headers);
                foreach (var row in section.Rows)
                {
                    Line(row.Cells.Select(c => c.Text));
                }
            }

            csv.Flush();
        }

        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(buffer.ToString())];
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    private static string SheetName(string title, HashSet<string> taken)
    {
        var clean = new string(title.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? ' ' : c).ToArray()).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean;
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var i = 2; !taken.Add(name); i++)
        {
            var suffix = " " + i.ToString(CultureInfo.InvariantCulture);
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return name;
    }
}

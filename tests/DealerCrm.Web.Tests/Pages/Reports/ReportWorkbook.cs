using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>A report workbook read back with the Open XML SDK: every sheet, each cell's value, whether it is a number,
/// and its number format.</summary>
public sealed class ReportWorkbook
{
    private ReportWorkbook(List<ReportSheet> sheets, IReadOnlyList<string> errors)
    {
        Sheets = sheets;
        ValidationErrors = errors;
    }

    public IReadOnlyList<ReportSheet> Sheets { get; }

    public IReadOnlyList<string> ValidationErrors { get; }

    public static ReportWorkbook Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText)
            .ToList() ?? [];
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var formats = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = styles?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var sheets = new List<ReportSheet>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var rows = new List<List<ReportSheetCell>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new List<ReportSheetCell>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var type = cell.DataType?.Value;
                    var text = type == CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty
                        : type == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                        : cell.CellValue?.Text ?? string.Empty;
                    var isNumber = type is null || type == CellValues.Number;
                    string? format = null;
                    if (cell.StyleIndex?.Value is { } index && (int)index < cellFormats.Count
                        && cellFormats[(int)index].NumberFormatId?.Value is { } id)
                    {
                        format = formats.GetValueOrDefault(id);
                    }

                    cells.Add(new ReportSheetCell(text, isNumber && text.Length > 0, format));
                }

                rows.Add(cells);
            }

            sheets.Add(new ReportSheet(sheet.Name!.Value!, rows));
        }

        return new ReportWorkbook(sheets, errors);
    }
}

public sealed record ReportSheet(string Name, IReadOnlyList<List<ReportSheetCell>> Rows);

public sealed record ReportSheetCell(string Text, bool IsNumber, string? Format)
{
    /// <summary>The cell as the page shows it: a count as an integer, a share (0.0% format) with one decimal, money with
    /// two.</summary>
    public string AsShown() =>
        !IsNumber ? Text
        : Format == "#,##0.00"
            ? double.Parse(Text, CultureInfo.InvariantCulture).ToString("#,##0.00", CultureInfo.InvariantCulture)
        : Format == "0.0%"
            ? (Math.Round(double.Parse(Text, CultureInfo.InvariantCulture) * 100, 1, MidpointRounding.AwayFromZero))
                .ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : Format == "0.0"
                ? Math.Round(double.Parse(Text, CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero)
                    .ToString("0.0", CultureInfo.InvariantCulture)
            : double.Parse(Text, CultureInfo.InvariantCulture).ToString("0", CultureInfo.InvariantCulture);
}

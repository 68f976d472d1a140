using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace DealerCrm.Web.Tests.Export;

/// <summary>An exported workbook read back with the Open XML SDK: its one sheet's name, cell texts and formulas.</summary>
public sealed class XlsxSheet
{
    private XlsxSheet(string name, List<List<string>> rows, int formulas, IReadOnlyList<string> errors)
    {
        Name = name;
        Rows = rows;
        Formulas = formulas;
        ValidationErrors = errors;
    }

    public string Name { get; }

    /// <summary>Row by row, cell texts by column (empty for a missing cell).</summary>
    public IReadOnlyList<List<string>> Rows { get; }

    public int Formulas { get; }

    /// <summary>What the SDK's schema validator finds wrong with the file (empty for a valid workbook).</summary>
    public IReadOnlyList<string> ValidationErrors { get; }

    public IEnumerable<string> Cells => Rows.SelectMany(r => r);

    public static XlsxSheet Read(byte[] bytes, bool validate = true)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var errors = validate
            ? new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList()
            : [];
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText)
            .ToList() ?? [];
        var rows = new List<List<string>>();
        var formulas = 0;
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var texts = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = Column(cell.CellReference?.Value) ?? texts.Count;
                while (texts.Count < column)
                {
                    texts.Add(string.Empty);
                }

                formulas += cell.CellFormula is null ? 0 : 1;
                texts.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
                    : cell.CellValue?.Text ?? string.Empty);
            }

            rows.Add(texts);
        }

        return new XlsxSheet(sheet.Name!.Value!, rows, formulas, errors);
    }

    private static int? Column(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            column = (column * 26) + (c - 'A' + 1);
        }

        return column - 1;
    }
}

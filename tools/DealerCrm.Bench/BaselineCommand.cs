using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;

namespace DealerCrm.Bench;

/// <summary>
/// <c>baseline</c>: the raw ceiling for the lead list (spec 7.1). A bare Kestrel endpoint (no MVC, no Identity, no
/// middleware) that asks for the same first page of consultant.li's leads as /Leads shows — same columns, rows, order
/// and page size, with the one query LeadListFilter builds for a consultant without filters — through a pooled
/// NpgsqlDataSource, and writes the table as hand-written HTML. Its "cookie check" only asks that a cookie be sent.
/// </summary>
public static class BaselineCommand
{
    public const int PageSize = 50;

    private static readonly string[] Statuses = ["Active", "Ordered", "Won", "DefeatPending", "Defeated", "Dormant", "Invalid"];

    private const string Query = """
        SELECT l.id, c.name, c.mobile, l.grade, l.status, l.source, l.interest_intended_model, u.display_name,
               l.next_follow_up_date, l.last_follow_up_date, l.created_at
        FROM leads l
        JOIN customers c ON c.id = l.customer_id
        JOIN users u ON u.id = l.owner_id
        WHERE l.store_id = $1 AND l.owner_id = $2
        ORDER BY l.id DESC
        LIMIT $3
        """;

    public static async Task<int> RunAsync(Args args)
    {
        var connectionString = args.Required("connection");
        var port = args.Number("port", 45190);
        var account = args.Get("user") ?? "consultant.li";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        long userId, storeId;
        TimeZoneInfo zone;
        await using (var who = dataSource.CreateCommand(
            "SELECT u.id, u.store_id, s.time_zone_id FROM users u JOIN stores s ON s.id = u.store_id WHERE u.user_name = $1"))
        {
            who.Parameters.AddWithValue(account);
            await using var reader = await who.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                throw new ArgumentException($"no user '{account}' in the database");
            }

            (userId, storeId, zone) = (reader.GetInt64(0), reader.GetInt64(1), TimeZoneInfo.FindSystemTimeZoneById(reader.GetString(2)));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/Leads", async context =>
        {
            if (context.Request.Headers.Cookie.Count == 0)
            {
                context.Response.StatusCode = 401;
                return;
            }

            var html = new StringBuilder(16_384);
            html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Leads</title></head><body><table><thead><tr>")
                .Append("<th>Customer</th><th>Mobile</th><th>Grade</th><th>Status</th><th>Source</th><th>Model</th>")
                .Append("<th>Owner</th><th>Next plan</th><th>Last follow-up</th><th>Created</th></tr></thead><tbody>");
            await using var command = dataSource.CreateCommand(Query);
            command.Parameters.AddWithValue(storeId);
            command.Parameters.AddWithValue(userId);
            command.Parameters.AddWithValue(PageSize + 1);
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            var rows = 0;
            long lastId = 0;
            while (await reader.ReadAsync(context.RequestAborted) && rows < PageSize)
            {
                rows++;
                lastId = reader.GetInt64(0);
                string Text(int i) => reader.IsDBNull(i) ? "" : WebUtility.HtmlEncode(reader.GetString(i));
                string Date(int i) => reader.IsDBNull(i) ? "" : reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var created = TimeZoneInfo.ConvertTime(reader.GetFieldValue<DateTimeOffset>(10), zone);
                html.Append("<tr><td><a href=\"/Leads/").Append(lastId).Append("\">").Append(Text(1)).Append("</a></td><td>")
                    .Append(Text(2)).Append("</td><td>").Append("OHABC"[reader.GetInt32(3)]).Append("</td><td>")
                    .Append(Statuses[reader.GetInt32(4)]).Append("</td><td>").Append(reader.GetInt32(5)).Append("</td><td>")
                    .Append(Text(6)).Append("</td><td>").Append(Text(7)).Append("</td><td>").Append(Date(8)).Append("</td><td>")
                    .Append(Date(9)).Append("</td><td>").Append(created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .Append("</td></tr>");
            }

            html.Append("</tbody></table>");
            if (await reader.ReadAsync(context.RequestAborted))
            {
                html.Append("<a href=\"/Leads?before=").Append(lastId).Append("\">Next</a>");
            }

            html.Append("</body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html.ToString(), context.RequestAborted);
        });
        Console.WriteLine($"baseline: /Leads of {account} (user {userId}, store {storeId}) on http://127.0.0.1:{port}");
        await app.RunAsync();
        return 0;
    }
}

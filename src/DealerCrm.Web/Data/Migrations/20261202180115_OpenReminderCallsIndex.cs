using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenReminderCallsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_open_reminders",
                table: "callback_tasks",
                columns: new[] { "customer_id", "due_date" },
                filter: "type = 5 AND status = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_open_reminders",
                table: "callback_tasks");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallbackJobsNotifiedFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_notified_at",
                table: "callback_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "overdue_notified_at",
                table: "callback_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_due_unnotified",
                table: "callback_tasks",
                column: "due_date",
                filter: "status = 0 AND due_notified_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_callback_tasks_overdue_unnotified",
                table: "callback_tasks",
                column: "due_date",
                filter: "status = 0 AND overdue_notified_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_due_unnotified",
                table: "callback_tasks");

            migrationBuilder.DropIndex(
                name: "ix_callback_tasks_overdue_unnotified",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "due_notified_at",
                table: "callback_tasks");

            migrationBuilder.DropColumn(
                name: "overdue_notified_at",
                table: "callback_tasks");
        }
    }
}

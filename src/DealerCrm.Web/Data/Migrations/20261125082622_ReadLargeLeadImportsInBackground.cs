using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReadLargeLeadImportsInBackground : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                table: "lead_imports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "content",
                table: "lead_imports",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "status",
                table: "lead_imports",
                type: "integer",
                nullable: false,
                defaultValue: 1); // imports made before this change were read at once: Completed
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "lead_imports");

            migrationBuilder.DropColumn(
                name: "content",
                table: "lead_imports");

            migrationBuilder.DropColumn(
                name: "status",
                table: "lead_imports");
        }
    }
}

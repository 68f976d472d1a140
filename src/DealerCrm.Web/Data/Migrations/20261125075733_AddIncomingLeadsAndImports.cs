using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddIncomingLeadsAndImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lead_imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    imported_by_id = table.Column<long>(type: "bigint", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rows_read = table.Column<int>(type: "integer", nullable: false),
                    added = table.Column<int>(type: "integer", nullable: false),
                    already_present = table.Column<int>(type: "integer", nullable: false),
                    refused = table.Column<int>(type: "integer", nullable: false),
                    problems = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_imports_asp_net_users_imported_by_id",
                        column: x => x.imported_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_lead_imports_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incoming_leads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    store_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    mobile = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    intended_model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    source = table.Column<int>(type: "integer", nullable: false),
                    arrived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    import_batch_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    consultant_id = table.Column<long>(type: "bigint", nullable: true),
                    lead_id = table.Column<long>(type: "bigint", nullable: true),
                    decided_by_id = table.Column<long>(type: "bigint", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismiss_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incoming_leads", x => x.id);
                    table.ForeignKey(
                        name: "fk_incoming_leads_asp_net_users_consultant_id",
                        column: x => x.consultant_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_incoming_leads_lead_imports_import_batch_id",
                        column: x => x.import_batch_id,
                        principalTable: "lead_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_incoming_leads_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_incoming_leads_stores_store_id",
                        column: x => x.store_id,
                        principalTable: "stores",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incoming_leads_consultant_id",
                table: "incoming_leads",
                column: "consultant_id");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_leads_import_batch_id",
                table: "incoming_leads",
                column: "import_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_leads_lead_id",
                table: "incoming_leads",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_leads_waiting",
                table: "incoming_leads",
                columns: new[] { "store_id", "arrived_at", "id" },
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ux_incoming_leads_enquiry",
                table: "incoming_leads",
                columns: new[] { "store_id", "source", "mobile", "arrived_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lead_imports_imported_by_id",
                table: "lead_imports",
                column: "imported_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_imports_store_id_imported_at",
                table: "lead_imports",
                columns: new[] { "store_id", "imported_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incoming_leads");

            migrationBuilder.DropTable(
                name: "lead_imports");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryConsultant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_vehicle_id",
                table: "deliveries");

            migrationBuilder.AddColumn<long>(
                name: "consultant_id",
                table: "deliveries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The consultant who sold each car delivered so far: the delivered lead's owner (a Won lead is never
            // reassigned, so its owner now is its owner at delivery).
            migrationBuilder.Sql("""
                UPDATE deliveries d SET consultant_id = l.owner_id FROM leads l WHERE l.id = d.lead_id;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_consultant_id",
                table: "deliveries",
                column: "consultant_id");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_vehicle_id_delivered_at_id",
                table: "deliveries",
                columns: new[] { "vehicle_id", "delivered_at", "id" })
                .Annotation("Npgsql:IndexInclude", new[] { "store_id", "consultant_id" });

            migrationBuilder.AddForeignKey(
                name: "fk_deliveries_asp_net_users_consultant_id",
                table: "deliveries",
                column: "consultant_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_deliveries_asp_net_users_consultant_id",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_consultant_id",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_vehicle_id_delivered_at_id",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "consultant_id",
                table: "deliveries");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_vehicle_id",
                table: "deliveries",
                column: "vehicle_id");
        }
    }
}

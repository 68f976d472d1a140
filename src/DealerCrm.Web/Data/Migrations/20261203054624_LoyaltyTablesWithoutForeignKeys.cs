using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <summary>
    /// The loyalty recalculation's three tables lose their foreign keys (docs/decisions.md "The loyalty job's tables carry
    /// no foreign keys"): their checks were a third of a first run's writes at 1M. What the cascades did on a deleted
    /// customer or car is done by statement triggers; vehicle_loyalty's index by customer goes (an owner's cars are
    /// found through vehicles).
    /// </summary>
    public partial class LoyaltyTablesWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_customer_loyalty_customers_customer_id",
                table: "customer_loyalty");

            migrationBuilder.DropForeignKey(
                name: "fk_loyalty_changes_customers_customer_id",
                table: "loyalty_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_loyalty_changes_loyalty_runs_run_id",
                table: "loyalty_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_loyalty_changes_stores_store_id",
                table: "loyalty_changes");

            migrationBuilder.DropForeignKey(
                name: "fk_vehicle_loyalty_vehicles_vehicle_id",
                table: "vehicle_loyalty");

            migrationBuilder.DropIndex(
                name: "ix_vehicle_loyalty_customer_id",
                table: "vehicle_loyalty");

            // The cascades the foreign keys did, once per statement over the deleted rows.
            migrationBuilder.Sql("""
                CREATE FUNCTION loyalty_forget_customers() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM customer_loyalty WHERE customer_id IN (SELECT id FROM gone);
                    DELETE FROM loyalty_changes WHERE customer_id IN (SELECT id FROM gone);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER customers_forget_loyalty AFTER DELETE ON customers REFERENCING OLD TABLE AS gone
                    FOR EACH STATEMENT EXECUTE FUNCTION loyalty_forget_customers();
                CREATE FUNCTION loyalty_forget_vehicles() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM vehicle_loyalty WHERE vehicle_id IN (SELECT id FROM gone);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER vehicles_forget_loyalty AFTER DELETE ON vehicles REFERENCING OLD TABLE AS gone
                    FOR EACH STATEMENT EXECUTE FUNCTION loyalty_forget_vehicles();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER vehicles_forget_loyalty ON vehicles;
                DROP FUNCTION loyalty_forget_vehicles();
                DROP TRIGGER customers_forget_loyalty ON customers;
                DROP FUNCTION loyalty_forget_customers();
                """);

            migrationBuilder.CreateIndex(
                name: "ix_vehicle_loyalty_customer_id",
                table: "vehicle_loyalty",
                column: "customer_id");

            migrationBuilder.AddForeignKey(
                name: "fk_customer_loyalty_customers_customer_id",
                table: "customer_loyalty",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_loyalty_changes_customers_customer_id",
                table: "loyalty_changes",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_loyalty_changes_loyalty_runs_run_id",
                table: "loyalty_changes",
                column: "run_id",
                principalTable: "loyalty_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_loyalty_changes_stores_store_id",
                table: "loyalty_changes",
                column: "store_id",
                principalTable: "stores",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_vehicle_loyalty_vehicles_vehicle_id",
                table: "vehicle_loyalty",
                column: "vehicle_id",
                principalTable: "vehicles",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

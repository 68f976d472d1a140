using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealerCrm.Web.Data.Migrations
{
    /// <summary>
    /// A name search of 2 characters (most Chinese names are 2 or 3) cannot use the trigram index: it read every
    /// customer of the store. The 2-character pieces of each lower-cased name, tagged with the customer's store, go
    /// into a GIN index; a search asks for the names holding all the pieces of the text within its store, then checks
    /// them with the same ILIKE as before (CustomerSearch). The wrapper is a plain SQL expression PostgreSQL inlines,
    /// so the planner sees the indexed expression.
    /// </summary>
    public partial class IndexCustomerNamesByBigrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION customer_name_bigrams(store_id integer, name text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$
                    SELECT coalesce(array_agg(DISTINCT store_id::text || ':' || substr(lower(name), i, 2)), '{}')
                    FROM generate_series(1, char_length(name) - 1) AS i
                $$;

                CREATE FUNCTION customer_name_has_bigrams_of(store_id integer, name text, search_store_id integer,
                                                             search text) RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT customer_name_bigrams(store_id, name) @> customer_name_bigrams(search_store_id, search) $$;

                CREATE INDEX ix_customers_name_bigrams ON customers USING gin (customer_name_bigrams(store_id, name));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_customers_name_bigrams;
                DROP FUNCTION customer_name_has_bigrams_of(integer, text, integer, text);
                DROP FUNCTION customer_name_bigrams(integer, text);
                """);
        }
    }
}

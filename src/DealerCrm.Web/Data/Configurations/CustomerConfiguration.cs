using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.Mobile).HasMaxLength(11);
        builder.Property(c => c.HomePhone).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.OfficePhone).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.IdNumberProtected).HasMaxLength(1000);
        builder.Property(c => c.IdNumberMasked).HasMaxLength(18);
        builder.Property(c => c.Occupation).HasMaxLength(Customer.ShortTextMaxLength);
        builder.Property(c => c.Industry).HasMaxLength(Customer.ShortTextMaxLength);
        builder.Property(c => c.Employer).HasMaxLength(Customer.NameMaxLength * 2);
        builder.Property(c => c.HomeAddress).HasMaxLength(Customer.AddressMaxLength);
        builder.Property(c => c.WorkAddress).HasMaxLength(Customer.AddressMaxLength);
        builder.Property(c => c.HomePostcode).HasMaxLength(6);
        builder.Property(c => c.WorkPostcode).HasMaxLength(6);
        builder.Property(c => c.Region).HasMaxLength(Customer.ShortTextMaxLength);
        builder.Property(c => c.BlacklistReason).HasMaxLength(Customer.ReasonMaxLength);
        builder.Property(c => c.PreferredContactTime).HasMaxLength(Customer.ShortTextMaxLength);
        builder.Property(c => c.PreferredContactNumber).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.CumulativeSpend).HasPrecision(12, 2);
        builder.Property(c => c.Version).IsRowVersion();

        // A mobile number identifies a customer within a store (spec 1.5), also under concurrent card creation.
        builder.HasIndex(c => new { c.StoreId, c.Mobile }).IsUnique().HasFilter("mobile IS NOT NULL")
            .HasDatabaseName("ux_customers_store_mobile");

        // Search: any part of a name or mobile number, at a million customers (trigram GIN indexes).
        builder.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops")
            .HasDatabaseName("ix_customers_name_trgm");
        builder.HasIndex(c => c.Mobile).HasMethod("gin").HasOperators("gin_trgm_ops")
            .HasDatabaseName("ix_customers_mobile_trgm");
        builder.HasIndex(c => new { c.StoreId, c.Id });

        // Data quality (issue 15): the customers who give a home, office or preferred number, which may be another
        // customer's mobile — few of a store's customers, found without reading the others.
        builder.HasIndex(c => c.StoreId, "ix_customers_other_numbers").HasDatabaseName("ix_customers_other_numbers")
            .IncludeProperties(c => new { c.HomePhone, c.OfficePhone, c.PreferredContactNumber })
            .HasFilter("home_phone IS NOT NULL OR office_phone IS NOT NULL OR preferred_contact_number IS NOT NULL");
    }
}

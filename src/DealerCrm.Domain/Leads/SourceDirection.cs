namespace DealerCrm.Domain.Leads;

/// <summary>Inbound or outbound (spec 6.2, S0201): who made the first move.</summary>
public enum SourceDirection
{
    /// <summary>The customer came to us: walked in, called, wrote through a website or platform, was sent by the
    /// manufacturer, was referred to us, or met us at an event.</summary>
    Inbound = 0,

    /// <summary>The store went to the customer: outbound development, its own owners, informants' tips.</summary>
    Outbound = 1,
}

/// <summary>
/// The one definition of a source channel's direction (docs/decisions.md, "Issue 15 — conversion and defeats"). A
/// referral (by an owner, by friends and family) is inbound: the customer contacts the store. An informant's tip
/// (VIP or internal) is outbound: the informant tells the store and the consultant calls a customer who did not ask.
/// </summary>
public static class SourceDirections
{
    public static IReadOnlyList<SourceChannel> Inbound { get; } =
    [
        SourceChannel.ShowroomWalkIn, SourceChannel.ShowroomCall, SourceChannel.DealerWebsite,
        SourceChannel.ManufacturerAssigned, SourceChannel.InternetPlatform, SourceChannel.OwnerReferral,
        SourceChannel.FriendsAndFamily, SourceChannel.EventExhibition,
    ];

    public static IReadOnlyList<SourceChannel> Outbound { get; } =
    [
        SourceChannel.OutboundDevelopment, SourceChannel.ExistingOwner, SourceChannel.OwnerReplacement,
        SourceChannel.VipInformant, SourceChannel.InternalInformant,
    ];

    /// <summary>The direction of a channel; every channel has exactly one (a unit test holds the lists to that).</summary>
    public static SourceDirection Of(SourceChannel channel) =>
        Outbound.Contains(channel) ? SourceDirection.Outbound : SourceDirection.Inbound;

    /// <summary>The channels of a direction, in the order reports list them.</summary>
    public static IReadOnlyList<SourceChannel> Channels(SourceDirection direction) =>
        direction == SourceDirection.Outbound ? Outbound : Inbound;
}

namespace DealerCrm.Web.Pages;

/// <summary>
/// What a role's home page says while that role's capability is still being built (the README lists which).
/// Each such page is replaced by the real one when its issue lands.
/// </summary>
public sealed record RoleHome(string TitleKey, string IntroKey, IReadOnlyList<string> TaskKeys);

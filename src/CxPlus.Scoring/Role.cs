namespace CxPlus.Scoring;

/// <summary>Who answered ("What is measured").</summary>
public enum Role
{
    /// <summary>A current customer: the ratings are the experience the brand delivers.</summary>
    Customer = 0,
    /// <summary>A consumer who considers the brand: the ratings are what they expect of it.</summary>
    Prospect = 1,
}

/// <summary>Text form of <see cref="Role"/> as used in files and exports.</summary>
public static class Roles
{
    /// <summary>The lower-case key, <c>customer</c> or <c>prospect</c>.</summary>
    public static string Key(this Role role) => role == Role.Customer ? "customer" : "prospect";

    /// <summary>Parses <c>customer</c> or <c>prospect</c>, case-insensitively, ignoring surrounding blanks.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Role role)
    {
        text = text.Trim();
        if (text.Equals("customer", StringComparison.OrdinalIgnoreCase)) { role = Role.Customer; return true; }
        if (text.Equals("prospect", StringComparison.OrdinalIgnoreCase)) { role = Role.Prospect; return true; }
        role = default;
        return false;
    }
}

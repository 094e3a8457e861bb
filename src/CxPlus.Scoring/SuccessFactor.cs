namespace CxPlus.Scoring;

/// <summary>The five CX+ success factors, in the methodology's order ("What is measured").</summary>
public enum SuccessFactor
{
    /// <summary>What the brand stands for is clear to the customer.</summary>
    ClearBrandPromise = 0,
    /// <summary>Staff act proactively, responsibly, with empathy.</summary>
    EmpoweredEmployees = 1,
    /// <summary>Customers can do it their own way (digital, omnichannel).</summary>
    EmpoweredCustomers = 2,
    /// <summary>Positive, emotional moments along the journey.</summary>
    LastingMemories = 3,
    /// <summary>Experiences that confirm the brand choice (loyalty, advocacy).</summary>
    ExceptionalDelivery = 4,
}

/// <summary>Keys, display names and order of the success factors.</summary>
public static class SuccessFactors
{
    /// <summary>Number of success factors.</summary>
    public const int Count = 5;

    /// <summary>All factors in methodology order.</summary>
    public static IReadOnlyList<SuccessFactor> All { get; } =
    [
        SuccessFactor.ClearBrandPromise,
        SuccessFactor.EmpoweredEmployees,
        SuccessFactor.EmpoweredCustomers,
        SuccessFactor.LastingMemories,
        SuccessFactor.ExceptionalDelivery,
    ];

    /// <summary>The column key used in response files and exports, e.g. <c>lasting_memories</c>.</summary>
    public static string Key(this SuccessFactor factor) => factor switch
    {
        SuccessFactor.ClearBrandPromise => "clear_brand_promise",
        SuccessFactor.EmpoweredEmployees => "empowered_employees",
        SuccessFactor.EmpoweredCustomers => "empowered_customers",
        SuccessFactor.LastingMemories => "lasting_memories",
        SuccessFactor.ExceptionalDelivery => "exceptional_delivery",
        _ => throw new ArgumentOutOfRangeException(nameof(factor)),
    };

    /// <summary>The name shown to people, e.g. <c>Lasting Memories</c>.</summary>
    public static string DisplayName(this SuccessFactor factor) => factor switch
    {
        SuccessFactor.ClearBrandPromise => "Clear Brand Promise",
        SuccessFactor.EmpoweredEmployees => "Empowered Employees",
        SuccessFactor.EmpoweredCustomers => "Empowered Customers",
        SuccessFactor.LastingMemories => "Lasting Memories",
        SuccessFactor.ExceptionalDelivery => "Exceptional Delivery",
        _ => throw new ArgumentOutOfRangeException(nameof(factor)),
    };
}

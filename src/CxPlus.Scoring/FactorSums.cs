namespace CxPlus.Scoring;

/// <summary>Step 5's sufficient statistics, one <see cref="WeightedSums"/> per success factor.</summary>
/// <param name="ClearBrandPromise">Sums of the rescaled Clear Brand Promise ratings.</param>
/// <param name="EmpoweredEmployees">Sums of the rescaled Empowered Employees ratings.</param>
/// <param name="EmpoweredCustomers">Sums of the rescaled Empowered Customers ratings.</param>
/// <param name="LastingMemories">Sums of the rescaled Lasting Memories ratings.</param>
/// <param name="ExceptionalDelivery">Sums of the rescaled Exceptional Delivery ratings.</param>
public readonly record struct FactorSums(
    WeightedSums ClearBrandPromise,
    WeightedSums EmpoweredEmployees,
    WeightedSums EmpoweredCustomers,
    WeightedSums LastingMemories,
    WeightedSums ExceptionalDelivery)
{
    /// <summary>The sums of one factor.</summary>
    public WeightedSums this[SuccessFactor factor] => factor switch
    {
        SuccessFactor.ClearBrandPromise => ClearBrandPromise,
        SuccessFactor.EmpoweredEmployees => EmpoweredEmployees,
        SuccessFactor.EmpoweredCustomers => EmpoweredCustomers,
        SuccessFactor.LastingMemories => LastingMemories,
        SuccessFactor.ExceptionalDelivery => ExceptionalDelivery,
        _ => throw new ArgumentOutOfRangeException(nameof(factor)),
    };

    /// <summary>A copy with one factor's sums replaced.</summary>
    public FactorSums With(SuccessFactor factor, WeightedSums sums) => factor switch
    {
        SuccessFactor.ClearBrandPromise => this with { ClearBrandPromise = sums },
        SuccessFactor.EmpoweredEmployees => this with { EmpoweredEmployees = sums },
        SuccessFactor.EmpoweredCustomers => this with { EmpoweredCustomers = sums },
        SuccessFactor.LastingMemories => this with { LastingMemories = sums },
        SuccessFactor.ExceptionalDelivery => this with { ExceptionalDelivery = sums },
        _ => throw new ArgumentOutOfRangeException(nameof(factor)),
    };

    /// <summary>Factor-wise sum.</summary>
    public static FactorSums operator +(FactorSums a, FactorSums b) => new(
        a.ClearBrandPromise + b.ClearBrandPromise, a.EmpoweredEmployees + b.EmpoweredEmployees,
        a.EmpoweredCustomers + b.EmpoweredCustomers, a.LastingMemories + b.LastingMemories,
        a.ExceptionalDelivery + b.ExceptionalDelivery);

    /// <summary>Factor-wise difference.</summary>
    public static FactorSums operator -(FactorSums a, FactorSums b) => new(
        a.ClearBrandPromise - b.ClearBrandPromise, a.EmpoweredEmployees - b.EmpoweredEmployees,
        a.EmpoweredCustomers - b.EmpoweredCustomers, a.LastingMemories - b.LastingMemories,
        a.ExceptionalDelivery - b.ExceptionalDelivery);
}

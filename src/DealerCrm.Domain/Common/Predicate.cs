using System.Linq.Expressions;

namespace DealerCrm.Domain.Common;

/// <summary>
/// A rule that depends on a day or an instant is written once, as an expression over the entity and that argument
/// (<c>(lead, today) =&gt; …</c>). <see cref="Bind{T,TArg}"/> fixes the argument for a LINQ query the way a closure
/// would, so EF Core translates the rule and sends the argument as a query parameter; the domain runs the same
/// expression compiled. There is no second copy of the rule to drift.
/// </summary>
public static class Predicate
{
    public static Expression<Func<T, bool>> Bind<T, TArg>(Expression<Func<T, TArg, bool>> rule, TArg argument) =>
        Expression.Lambda<Func<T, bool>>(
            new Substitution(rule.Parameters[1], Captured(argument)).Visit(rule.Body), rule.Parameters[0]);

    public static Expression<Func<T, bool>> Bind<T, TA, TB>(Expression<Func<T, TA, TB, bool>> rule, TA first,
        TB second) =>
        Expression.Lambda<Func<T, bool>>(
            new Substitution(rule.Parameters[2], Captured(second)).Visit(
                new Substitution(rule.Parameters[1], Captured(first)).Visit(rule.Body)), rule.Parameters[0]);

    /// <summary>What a lambda's closure looks like to a query provider: a member of a constant, hence a parameter.</summary>
    private static MemberExpression Captured<TArg>(TArg value) =>
        Expression.Property(Expression.Constant(new Argument<TArg>(value)), nameof(Argument<TArg>.Value));

    private sealed class Argument<TArg>(TArg value)
    {
        public TArg Value { get; } = value;
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == parameter ? replacement : base.VisitParameter(node);
    }
}

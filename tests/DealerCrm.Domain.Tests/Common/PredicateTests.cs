using System.Linq.Expressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Common;

public sealed class Binding_a_rule_to_its_day
{
    private static readonly Expression<Func<int, int, bool>> Before = (x, limit) => x < limit;

    [Fact]
    public void Gives_the_same_answers_as_the_rule()
    {
        var bound = Predicate.Bind(Before, 5).Compile();

        (bound(4), bound(5)).Should().Be((true, false));
        Predicate.Bind((int x, int from, int to) => x >= from && x <= to, 2, 3).Compile()(3).Should().BeTrue();
    }

    [Fact]
    public void Leaves_the_argument_where_a_closure_would_so_a_query_sends_it_as_a_parameter()
    {
        var bound = Predicate.Bind(Before, 5);

        bound.Parameters.Should().ContainSingle();
        var argument = ((BinaryExpression)bound.Body).Right.Should().BeAssignableTo<MemberExpression>().Subject;
        argument.Expression.Should().BeOfType<ConstantExpression>("a member of a constant, as a captured variable is");
    }
}

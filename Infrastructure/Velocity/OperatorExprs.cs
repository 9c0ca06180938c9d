namespace WebSocketAspire.Infrastructure.Velocity;

internal enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

/// <summary>A binary operator; &amp;&amp; and || short-circuit and yield booleans.</summary>
internal sealed class BinaryExpr : Expr
{
    private readonly BinaryOperator _operator;
    private readonly Expr _left;
    private readonly Expr _right;

    public BinaryExpr(int position, BinaryOperator op, Expr left, Expr right)
        : base(position)
    {
        _operator = op;
        _left = left;
        _right = right;
    }

    public override object? Evaluate(RenderContext context)
    {
        var left = _left.Evaluate(context);
        switch (_operator)
        {
            case BinaryOperator.Or:
                return JavaOperators.Box(JavaOperators.IsTruthy(left) || JavaOperators.IsTruthy(_right.Evaluate(context)));
            case BinaryOperator.And:
                return JavaOperators.Box(JavaOperators.IsTruthy(left) && JavaOperators.IsTruthy(_right.Evaluate(context)));
            default:
                break;
        }

        var right = _right.Evaluate(context);
        context.Position = Position;
        return _operator switch
        {
            BinaryOperator.Equal => JavaOperators.Box(JavaOperators.AreEqual(left, right)),
            BinaryOperator.NotEqual => JavaOperators.Box(!JavaOperators.AreEqual(left, right)),
            BinaryOperator.Less => JavaOperators.Box(JavaOperators.Compare("<", left, right)),
            BinaryOperator.LessOrEqual => JavaOperators.Box(JavaOperators.Compare("<=", left, right)),
            BinaryOperator.Greater => JavaOperators.Box(JavaOperators.Compare(">", left, right)),
            BinaryOperator.GreaterOrEqual => JavaOperators.Box(JavaOperators.Compare(">=", left, right)),
            BinaryOperator.Add => JavaOperators.Add(left, right),
            BinaryOperator.Subtract => JavaOperators.Arithmetic('-', left, right),
            BinaryOperator.Multiply => JavaOperators.Arithmetic('*', left, right),
            BinaryOperator.Divide => JavaOperators.Arithmetic('/', left, right),
            BinaryOperator.Modulo => JavaOperators.Arithmetic('%', left, right),
            _ => null,
        };
    }
}

/// <summary>Logical not (! or not).</summary>
internal sealed class NotExpr : Expr
{
    private readonly Expr _operand;

    public NotExpr(int position, Expr operand)
        : base(position)
    {
        _operand = operand;
    }

    public override object? Evaluate(RenderContext context) => JavaOperators.Box(!JavaOperators.IsTruthy(_operand.Evaluate(context)));
}

/// <summary>Unary minus.</summary>
internal sealed class NegateExpr : Expr
{
    private readonly Expr _operand;

    public NegateExpr(int position, Expr operand)
        : base(position)
    {
        _operand = operand;
    }

    public override object? Evaluate(RenderContext context) => JavaOperators.Negate(_operand.Evaluate(context));
}

package org.mekong.indicators.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ParseException;

/**
 * A computed indicator's formula, e.g. {@code ([ONLINE-SERVICE-RATE] + [BROADBAND-COVERAGE]) / 2}:
 * other indicators are named by code in square brackets; arithmetic, parentheses and EvalEx's
 * functions ({@code MIN}, {@code MAX}, {@code IF}, ...) are allowed. Parsing and evaluation are
 * done by EvalEx; this class only maps the bracketed codes to variables. Problems (syntax,
 * division by zero, a missing input) are reported as {@link FormulaException} with a plain message.
 */
public final class Formula {
    private static final Pattern REF = Pattern.compile("\\[([A-Z][A-Z0-9_.-]{1,63})]");
    private static final ExpressionConfiguration CONFIG = ExpressionConfiguration.builder()
            .mathContext(MathContext.DECIMAL64).build();

    private final String text;
    private final String expression;
    private final Map<String, String> variables;

    private Formula(String text, String expression, Map<String, String> variables) {
        this.text = text;
        this.expression = expression;
        this.variables = variables;
    }

    /** Parses and syntax-checks a formula. */
    public static Formula parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FormulaException("the formula is empty");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String var = vars.computeIfAbsent(m.group(1), code -> "v" + vars.size());
            m.appendReplacement(out, var);
        }
        m.appendTail(out);
        String expression = out.toString();
        if (expression.contains("[") || expression.contains("]")) {
            throw new FormulaException("indicator references are written [CODE] with an upper-case code");
        }
        if (vars.isEmpty()) {
            throw new FormulaException("a formula must use at least one other indicator, its code in square brackets: [CODE]");
        }
        Expression e = new Expression(expression, CONFIG);
        try {
            e.validate();
            Set<String> used = new HashSet<>(e.getUsedVariables());
            used.removeAll(vars.values());
            if (!used.isEmpty()) {
                throw new FormulaException("unknown names " + used + ": write indicator codes in square brackets");
            }
        } catch (ParseException ex) {
            throw new FormulaException("syntax error: " + ex.getMessage());
        }
        return new Formula(text, expression, vars);
    }

    /** The codes of the indicators the formula reads, in order of appearance. */
    public List<String> inputs() {
        return new ArrayList<>(variables.keySet());
    }

    /**
     * Evaluates with the inputs' values; a null input is a missing value and fails with a
     * message naming it.
     */
    public double evaluate(Function<String, Double> values) {
        Expression e = new Expression(expression, CONFIG);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> v : variables.entrySet()) {
            Double value = values.apply(v.getKey());
            if (value == null) {
                missing.add(v.getKey());
            } else {
                e.with(v.getValue(), BigDecimal.valueOf(value));
            }
        }
        if (!missing.isEmpty()) {
            throw new FormulaException("no value for " + String.join(", ", missing));
        }
        try {
            EvaluationValue result = e.evaluate();
            if (!result.isNumberValue()) {
                throw new FormulaException("the formula does not give a number");
            }
            return result.getNumberValue().doubleValue();
        } catch (EvaluationException ex) {
            throw new FormulaException(ex.getMessage().toLowerCase().contains("division by zero") ? "division by zero"
                    : ex.getMessage());
        } catch (ParseException ex) {
            throw new FormulaException("syntax error: " + ex.getMessage());
        } catch (ArithmeticException ex) {
            throw new FormulaException(String.valueOf(ex.getMessage()).toLowerCase().contains("zero")
                    ? "division by zero" : ex.getMessage());
        }
    }

    /**
     * Checks that following formulas from {@code code} never comes back to it.
     * {@code formulaOf} answers an indicator's formula text or null.
     */
    public static void checkNoCycle(String code, Function<String, String> formulaOf) {
        walk(code, code, formulaOf, new ArrayList<>(List.of(code)), 0);
    }

    private static void walk(String start, String at, Function<String, String> formulaOf, List<String> trail,
            int depth) {
        String text = formulaOf.apply(at);
        if (text == null || text.isBlank()) {
            return;
        }
        if (depth > 20) {
            throw new FormulaException("formulas nest more than 20 levels deep: " + String.join(" -> ", trail));
        }
        for (String in : parse(text).inputs()) {
            trail.add(in);
            if (in.equals(start)) {
                throw new FormulaException("cycle: " + String.join(" -> ", trail));
            }
            walk(start, in, formulaOf, trail, depth + 1);
            trail.remove(trail.size() - 1);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

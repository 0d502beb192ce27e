package org.mekong.indicators.formula;

/** A formula that cannot be parsed or evaluated, with a message for people. */
public class FormulaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FormulaException(String message) {
        super(message);
    }
}

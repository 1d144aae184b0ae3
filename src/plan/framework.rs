//! The built-in CityShare assessment framework used when a plan defines none.

use super::AssessmentFramework;

const DEFAULT_FRAMEWORK: &str = include_str!("default_framework.json");

/// Nine criteria on a five-level scale plus "unknown"; see `default_framework.json` for sources.
pub fn default_framework() -> AssessmentFramework {
    // The file is part of the binary and checked by the test below, so it cannot fail at run time.
    #[allow(clippy::expect_used)]
    serde_json::from_str(DEFAULT_FRAMEWORK).expect("the built-in framework is valid JSON")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::FieldPath;
    use crate::plan::Report;
    use crate::plan::validate::check_framework;

    #[test]
    fn default_framework_has_nine_criteria_and_five_levels() {
        let framework = default_framework();
        assert_eq!(framework.criteria.len(), 9);
        assert!(
            framework
                .criteria
                .iter()
                .all(|c| (2..=3).contains(&c.indicators.len()))
        );
        let values: Vec<u8> = framework.scale.levels.iter().map(|l| l.value).collect();
        assert_eq!(values, [1, 2, 3, 4, 5]);
        let labels: Vec<&str> = framework
            .scale
            .levels
            .iter()
            .map(|l| l.label.as_str())
            .collect();
        assert_eq!(
            labels,
            [
                "Not in place",
                "Emerging",
                "Partial",
                "Substantial",
                "Comprehensive"
            ]
        );
    }

    #[test]
    fn default_framework_passes_the_plan_rules() {
        let mut report = Report::default();
        check_framework(&mut report, &FieldPath::default(), &default_framework());
        assert_eq!(report, Report::default());
    }
}

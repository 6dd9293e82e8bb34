"""The report's words: every label and generated sentence of the PDF report, the brief, the --xlsx sheets and the
terminal tables, by key, in English. Their Chinese is in the one message catalogue,
scorer/locale/zh_CN/LC_MESSAGES/scorer.po (msgid the English, msgstr the Chinese), beside the CLI's messages:
`python tools/catalogue.py` extracts these (N_ and C_ are its keywords) and a translator edits only the .po
(bt15j F10: this was a second, home-made zh/en table that Babel did not see). An English word with two Chinese ones
is marked with C_ under its key as the msgctxt ("Target": 目标值 in a table's header, 目标水平 in the radar's
legend). `scorer.i18n.TEXT` and `translator` read them in either language."""

from __future__ import annotations

from scorer.messages import C_, N_

WORDS: dict[str, str] = {
    # document
    "title": N_("Readiness for National ETDZ Status: Assessment Report"),
    "kicker": N_("Benchmarked against the national ETDZ assessment"),
    "period_line": N_("{quarter} ({span}, year to date)"),
    "cover_date": N_("Prepared"),
    "cover_framework": N_("Framework"),
    "cover_framework_value": N_("{name} (version {version}, checksum {sha})"),
    "cover_inputs": N_("Input data"),
    "cover_inputs_value": N_("{n:# statistical workbook|# statistical workbooks}, data checksum {digest}"),
    "cover_scoring": C_("cover_scoring", "Scoring"),
    "cover_scoring_value": N_("each indicator scores {scale} at its target; weighted sums"),
    "sample_banner": N_("ILLUSTRATIVE DATA: the statistics in this report are invented for demonstration; they are "
                        "not real figures and must not be used for decisions."),
    "sample_tag": N_("illustrative data"),
    "page": N_("Page {page} of {pages}"),
    # summary
    "summary": N_("Summary"),
    "overall": N_("Overall score"),
    "vs": N_("vs {when}"),
    "points_unit": N_(" pts"),
    "category_scores": N_("The five categories"),
    "col_category": N_("Category"),
    "col_weight": N_("Weight"),
    "col_score": N_("Score"),
    "col_lost": N_("Points lost"),
    "col_vs_q": N_("vs prev. qtr"),
    "total": N_("Overall"),
    "lost_note": N_("Points lost: what the category's shortfall costs the overall score."),
    "light_green": N_("90 and above"),
    "light_amber": N_("60 to 90"),
    "light_red": N_("below 60"),
    "radar_alt": N_("Radar chart of the five category scores"),
    "top_gaps": N_("Three largest gaps"),
    "top_strengths": N_("Three strengths"),
    "gap_item": N_("{value} {unit}, target {target} {unit}, {lost:# pt|# pts} lost"),
    "strength_item": N_("{value} {unit} (target {target} {unit}), score {score}"),
    "gap_head": N_("<b>{name}</b> ({category}): "),
    "strength_head": N_("<b>{name}</b>: "),
    "quarter_short": N_("{year}\nQ{q}"),
    "all_met": N_("Every indicator has reached its target."),
    "missing_callout": N_("No data this quarter: {items}. These indicators are left out and their weight is shared "
                          "by the others in their category."),
    "doubtful_callout": N_("Doubtful this quarter: {items}. Doubtful values are not scored as read (left out; their "
                           "weight is shared by the others in their category); check the cells listed under data "
                           "quality."),
    "not_reported_callout": N_("Not reported this quarter: {items}. These statistics are reported half-yearly or "
                               "yearly, not in this quarter (they are not missing); with no earlier value to carry "
                               "forward, they are not scored, and their weight is shared by the other indicators of "
                               "their category."),
    "missing_item": N_("{name} (missing {fields})"),
    "list_sep": N_(", "),
    "item_sep": C_("item_sep", "; "),
    "rank_line_synthetic": N_("Among a <b>synthetic</b> peer set ({n} simulated central-region zones, for an order "
                              "of magnitude only), the zone would rank about {rank} of {of} ({basis}); the peers' "
                              "median overall score is {median}."),
    "rank_line": N_("Among the peer set “{name}” ({n:# zone|# zones}), the zone would rank about {rank} of {of} ({basis}); "
                    "the peers' median overall score is {median}."),
    "readiness_line": N_("Estimated rank among {among}: <b>{rank}</b> of {of} (5–95% interval {interval}); {bottom} "
                         "the bottom-{n} line, {median} the regional median."),
    "readiness_line_peers": N_("Estimated rank among {among}: <b>{rank}</b> of {of} (5–95% interval {interval}); "
                               "{median} the peers' median. These peers are not the region's national zones, so the "
                               "bottom-{n} and regional-middle conditions are not judged against them."),
    "above": N_("{pts:# point|# points} above"),
    "below": N_("{pts:# point|# points} below"),
    "province_line": N_(" With the {n} of {province}'s {total:# national zone|# national zones} that have a published rank it would "
                        "come {k} of {m}{tie}."),
    "peer_coverage": N_(" The peer table covers {k} of the {n:# indicator|# indicators}: the rank compares the zone on those only "
                        "(not covered: {names})."),
    "synthetic_note": N_(" (The peers are a <b>synthetic</b> set calibrated to the published regional means; an "
                         "estimate only.)"),
    "verdict_pending": N_("Every condition the statistics can settle is met; to confirm: {items}"),
    "role_historic": N_(" [historic threshold, for reference only]"),
    "role_input": N_(" [analyst to confirm]"),
    "role_veto": N_(" [veto]"),
    "yes": N_("yes"),
    "no": N_("no"),
    "not_given": N_("not given"),
    "basis_targets": N_("scored against targets"),
    "basis_peers": N_("scored relative to the peers"),
    "radar_target": C_("radar_target", "Target"),
    "radar_peers": N_("Peer median"),
    "radar_peers_synthetic": N_("Peer median (synthetic)"),
    "radar_zone": N_("Zone, {quarter}"),
    "verdict_failed": N_("{label}: {items} not met"),
    "verdict_ready": N_("Broadly ready for national status (estimate)"),
    "verdict_not_ready": N_("Not yet ready for national status"),
    "verdict_unknown": N_("Not enough data to judge"),
    # sentences
    "summary_sentence": N_("In {quarter} the overall score is {score} out of {scale}. {best} is the strongest "
                           "category ({best_score}) and {worst} the weakest ({worst_score})"),
    "summary_gaps": N_("; {names} together cost {total:# point|# points} and are the main gaps"),
    "summary_none": N_("There are not enough data this quarter to compute an overall score."),
    "and": N_(" and "),
    "or": N_(" or "),
    "end": N_("."),
    "cat_none": N_("{name} has no data this quarter and cannot be scored."),
    "cat_lead": N_("{name} scores {score}, {rank} of the five categories"),
    "cat_all_met": N_("; every indicator has reached its target."),
    "cat_cost": N_(", costing the overall score {lost:# point|# points}"),
    "cat_top": N_(". Most points are lost on {name} ({value} against a target of {target}, {lost:# point|# points})"),
    "cat_second": N_(", then {name} ({lost:# point|# points})"),
    "etc": N_(" and others"),
    "cat_marginal_alone": N_(" (this indicator alone; the same statistics also feed {others}: the action table "
                             "counts them all)"),
    "cat_marginal_net": N_(" (counting every indicator the same statistic moves: {moved})"),
    "moved_up": N_("raising {items}"),
    "moved_down": N_("lowering {items}"),
    "moved_sep": N_("; "),
    "cat_marginal": N_(". Each {step} {verb} in {name} would add about {gain:# point|# points} overall"),
    "cat_doubtful": N_(". {items} are doubtful this quarter: not scored as read, and left out"),
    "cat_not_reported": N_(". {items} are not reported this quarter (half-yearly or yearly statistics) and are left "
                           "out"),
    "cat_missing": N_(". {items} had no data this quarter and are left out"),
    "verb_up": N_("increase"),
    "verb_down": N_("reduction"),
    "verb_up_noun": N_("increase"),
    "ordinal": N_("{n}"),
    # category pages
    "cat_heading": N_("{number}. {name}"),
    "cat_scoreline": N_("Score <b>{score}</b> · weight {weight}% · points lost {lost} · vs previous quarter {q} · vs "
                        "a year ago {y}"),
    "col_indicator": N_("Indicator"),
    "col_value": N_("Value"),
    # under a value column's header (repeated on each page the table runs to) when a value in it is marked ◇
    "col_estimated": N_("◇ full-year estimate"),
    "col_unit": N_("Unit"),
    "col_target": C_("col_target", "Target"),
    "col_gap": C_("col_gap", "To target"),
    "col_trend_q": N_("vs qtr"),
    "col_trend_y": N_("vs year"),
    "reverse": N_(" (lower is better)"),
    "met": C_("met", "met"),
    "cat_note": N_("Score: 0 at the floor, {scale} at the target, linear in between. To target: in percentage points "
                   "for indicators in %. Points lost: what the shortfall costs the overall score. vs qtr, vs year: "
                   "the indicator's score against the previous quarter and a year ago (— where there is nothing to "
                   "compare)."),
    "cat_history_title": N_("The category's indicators over the last five quarters"),
    "cat_history_note": N_("Each quarter's indicator value, computed from the workbooks: a flow's full-year estimate "
                           "from its year-to-date total in the first three quarters (the actual year in the fourth), "
                           "a stock's end-of-period value; — where a quarter has no data (imputed values are listed "
                           "in Appendix 1)."),
    "price_comparable": N_(" (comparable prices)"),
    "price_nominal": N_(" (current prices)"),
    "price_note": N_(" Comparable prices: the growth rate the workbook publishes, at comparable prices; current "
                     "prices: the workbook says its rate is at current prices, or gives no rate and it is computed "
                     "from current-price values; either way price changes are included, and it is not comparable "
                     "with the official comparable-price rate."),
    "estimated_note": N_(" Values marked ◇ are full-year estimates from the {span} total ({method}); the actual year "
                         "comes with the fourth quarter's report."),
    # why a value is carried forward (marked *), one wording for the callout and the tables' notes
    "carried_why_missing": N_("no data this quarter"),
    "carried_why_not_reported": N_("not reported this quarter (half-yearly or yearly statistics)"),
    "carried_why_doubtful": N_("doubtful this quarter"),
    "carried_callout": N_("{why}, the latest earlier value carried forward (marked * in the tables): {items}."),
    "carried_note": N_(" Values marked *: {why}; the latest earlier value is carried forward."),
    "chart_missing": N_("n/a"),
    "chart_not_reported": N_("not reported"),  # a half-yearly statistic in Q1/Q3 (fields.yaml `reported`)
    "not_reported_item": N_("{name} ({fields})"),
    "chart_doubtful": N_("doubtful"),
    "doubt_mark": N_("{value} (doubtful)"),  # a doubtful value wherever it is shown
    "doubt_range": N_("The overall score {overall} leaves the doubtful indicators out; scored at their lowest it is "
                      "{worst}, at full marks {best}."),  # the worst case beside the headline (ScoreResult.doubt_range)
    "doubt_range_missing": N_("The overall score {overall} leaves out {n:# indicator|# indicators} with no figure this quarter (the "
                              "warnings name the cells to fill in); scored at {n:its|their} lowest it is {worst}, at full "
                              "marks {best}."),  # ScoreResult.unknown: bounded as doubtful ones are (bt12i F1)
    "doubt_range_both": N_("The overall score {overall} leaves out the doubtful indicators and {n:# indicator|# indicators} with "
                           "no figure this quarter; scored at their lowest it is {worst}, at full marks {best}."),
    "card_worst": N_("at worst: {worst}"),
    "not_comparable_flag": N_("not comparable"),  # beside a headline figure (report's cards and total)
    "not_comparable_mark": N_("{value} (not comparable)"),  # computed without whole categories
    "cat_capped": N_(". {items} are doubtful this quarter: scored held to their plausible bounds"),
    "capped_item": N_("{name} ({raw} as read, scored as {capped})"),
    "cat_history_doubt": N_(" Values marked doubtful were not scored as read (see the data-quality notes)."),
    "basis_mark": N_("{value}‡"),
    "cat_history_basis": N_(" ‡ A growth rate at another price basis ({basis}) than the row's label: not directly "
                            "comparable with it."),
    # priorities
    "priorities_title": N_("Readiness and priorities"),
    "verdict_label": N_("Verdict: {label}"),
    "col_condition": N_("Condition"),
    "col_zone": C_("col_zone", "Zone"),
    "col_required": N_("Required"),
    "col_judgement": N_("Result"),
    "col_basis": C_("col_basis", "Basis"),
    "col_confidence": N_("Confidence"),
    "passed": C_("passed", "met"),
    "failed": N_("not met"),
    "rules_note": N_("The official upgrade thresholds are not public; these conditions rest on secondary sources and "
                     "judgement, and are estimates only."),
    "priorities": N_("Priorities"),
    "priorities_intro": N_("Ranked by the overall points one step of improvement would bring; a step is a round "
                           "tenth or so of the distance from floor to target. An indicator earns nothing beyond its "
                           "target. An indicator that is one statistic (a total, its growth) is worth what that statistic's change "
                           "does to every indicator it feeds (more trade lowers the high-tech share); a ratio is "
                           "taken alone. So a step can be worth more or less than its own gap."),
    "col_step": N_("One step"),
    "col_gain": N_("Points gained"),
    "col_full": N_("Points at target"),
    "history": N_("Scores over time"),
    "col_period": N_("Quarter"),
    "history_window": N_("The table lists the last {n:# quarter|# quarters} ({first} to {last}) and the same quarter of the "
                         "{years:# year|# years} before; the scores of all {all:# quarter|# quarters} ({from_} to {to}) are in the chart "
                         "above."),
    "history_window_recent": N_("The table lists the last {n:# quarter|# quarters} ({first} to {last}); the scores of all {all:# quarter|# "
                                "quarters} ({from_} to {to}) are in the chart above."),
    "trend_partial_legend": N_("fewer indicators: not comparable"),
    "trend_partial_item": N_("{name} in {quarter} rests on {n} of its usual {usual:# indicator|# indicators}"),
    "trend_partial_note": N_("△ Rests on fewer indicators than the other quarters and is not directly comparable "
                             "(open markers and dashed lines in the chart): {items}."),
    "trend_alt": N_("Overall and category scores over time"),
    # priorities by effort, plan, scenarios, uncertainty
    "effort_title": N_("Priorities by effort"),
    "effort_intro": N_("Ranked by the overall points per unit of work, one unit being the work of raising foreign "
                       "investment by 1% (a new provincial R&D institution is about 8 units); the feasible ranges "
                       "and these equivalences are this framework's own. {plan}"),
    "effort_plan_note": N_("'Planned' is the value the plan below aims for."),
    "effort_best_note": N_("'Planned' is the value of the best plan within the ranges (the path below)."),
    "col_statistic_short": N_("Statistic"),
    "col_now": N_("Now"),
    "col_per_effort": N_("Points per effort"),
    "col_max_points": N_("Most points within the feasible range"),
    "col_planned": N_("Planned"),
    "step_title": N_("What one step on each indicator is worth"),
    "plan_title": N_("Path to the target: {goal}"),
    "plan_goal_target": N_("an overall score of {target}"),
    "plan_goal_verdict": N_("meeting every readiness rule"),
    "plan_summary": N_("The least total effort within the feasible ranges (a linear program, checked by re-scoring): "
                       "the overall score goes from {before} to {after}, the estimated rank from {rank_before} to "
                       "{rank_after}, for {effort:# effort point|# effort points}."),
    "plan_unreachable": N_("The target cannot be reached within the feasible ranges: with every measure at its limit "
                           "the overall score reaches about {best}."),
    "plan_unreachable_best": N_("The target cannot be reached within the measures' feasible ranges. The best plan "
                                "within them is below: done in full, it brings the overall score to about {best}, "
                                "{short}."),
    "plan_short_target": N_("still {gap} short of the target"),
    "plan_short_verdict": N_("and the readiness rules are still not all met"),
    "plan_data_met": N_("Every condition the statistics can settle is already met; no further data measures are "
                        "needed. Still to confirm: {items}."),
    "plan_data_met_input_failed": N_("Every condition the statistics can settle is already met, but {items} is not "
                                     "met (as the analyst gave it): no data measure can meet the readiness rules."),
    "p_ready_undecided": N_("cannot be judged ({u} of the draws lack the data to judge)"),
    "p_ready_pending": N_("not given (to confirm: {items}); the probability of meeting every condition the "
                          "statistics can settle: {p}"),
    "plan_met": N_("The target is already met; no further measures are needed."),
    "col_step_no": N_("#"),
    "col_action": N_("Measure (this quarter's figure)"),
    "col_effort": N_("Effort"),
    "col_after": N_("Overall after"),
    "scenarios_title": N_("Scenarios"),
    "scenarios_intro": N_("Each scenario changes only this quarter's figures; all are scored in one pass with the "
                          "baseline."),
    "col_scenario": N_("Scenario"),
    "col_change": N_("Change"),
    "col_rank": N_("Est. rank"),
    "label_value": N_("{label}: {value}"),  # a colon in the text's own script
    "col_moved": N_("Indicators that moved most (pts)"),
    "baseline": N_("Baseline"),
    "scenario_chart_alt": N_("Overall score by scenario"),
    "uncertainty_title": N_("Uncertainty"),
    "uncertainty_summary": N_("{n:# random draw|# random draws} of the assumptions listed below (seed {seed}): the median overall "
                              "score is {median}, 90% of draws lie {span}; the median estimated rank is {rank}, 90% "
                              "{rank_span} (this interval moves with the assumptions listed below; the rank interval "
                              "of the Summary moves with the peer sample alone: the two answer different questions); "
                              "the probability of meeting every readiness rule: {p}."),
    "uncertainty_assumptions": N_("Assumptions: {text}"),
    "hist_nominal": N_("nominal"),
    "hist_median": C_("hist_median", "median"),
    "hist_xlabel": N_("overall score (each draw)"),
    "col_nominal": N_("Nominal"),
    "col_median": N_("Median"),
    "col_q05": N_("5%"),
    "col_q95": N_("95%"),
    "sobol_title": N_("Sensitivity (Sobol indices)"),
    "col_assumption": N_("Assumption"),
    "col_s1": N_("First order"),
    "col_st": N_("Total order"),
    # methodology
    "appendix_methods": N_("Appendix 1. Method"),
    "framework": N_("Framework"),
    "framework_counts": N_("The framework has {n:# indicator|# indicators} in five categories: {cats}. Weights within categories, "
                           "targets and floors are this framework's own; the table gives each one's source and how "
                           "sure it is."),
    "scoring": C_("scoring", "Scoring"),
    "scoring_text": N_("Each indicator is scored by distance to target: score = (value − floor) ÷ (target − floor) × "
                       "{scale}, 0 below the floor and {scale} at or beyond the target; for lower-is-better "
                       "indicators the floor lies above the target and the same formula applies. A category's score "
                       "is the weighted arithmetic mean of its indicators, the overall score the weighted mean of "
                       "the categories."),
    "annual_text": N_("Flows (foreign investment, trade, tax …) are cumulative from January; against annual targets "
                      "they are taken to a full year: the fourth quarter is the actual year; other quarters are "
                      "scaled by last year's share of the year reached by the same quarter, or linearly when last "
                      "year's figures are missing. This quarter: {methods}. Growth rates published by the statistics "
                      "office are used as published."),
    "annual_none": N_("none were needed this quarter"),
    "annual_actual": N_("the actual year"),
    "annual_seasonal": N_("scaled by last year's seasonal share"),
    "annual_linear": N_("scaled linearly"),
    "imputation_none": N_("An indicator without data is left out and its weight shared by the others in its category."),
    "imputation_locf": N_("An indicator without data in a quarter carries the most recent earlier value "
                          "({limit}marked * in the report); one with nothing to carry is left out and its weight "
                          "shared by the others in its category."),
    "imputation_limit": N_("at most {n} old, "),
    "imputation_other": N_("Missing values are imputed by '{method}' (marked * in the report)."),
    "sources_title": N_("Indicators, targets and sources"),
    "col_formula": N_("Indicator and formula"),
    "col_floor": N_("Floor"),
    "col_source": N_("Source of the target"),
    "unit_direction": N_(" ({unit}, {direction})"),
    "higher_better": N_("higher is better"),
    "lower_better": N_("lower is better"),
    "weights_note": N_("Weight: the indicator's share of the overall score (category weight × weight within the "
                       "category). Confidence: high = officially published; medium = derived from official data or a "
                       "national standard; low = judgement or unverified secondary sources."),
    "evidence_confirmed": N_("confirmed as assessed"),
    "evidence_plausible": N_("plausibly scored"),
    "evidence_own": N_("this framework's own choice"),
    "evidence_line": N_("Evidence: {status}. {note}"),
    "cites_line": "",  # the yardsticks cited are named in the source text, never by their ids
    "conf_high": N_("high"),
    "conf_medium-high": N_("medium-high"),
    "conf_medium": N_("medium"),
    "conf_low": N_("low"),
    "conf_unverified": N_(" (unverified)"),  # beside a confidence resting on an unverified entry
    "imputed_list_title": N_("Imputed values"),
    "imputed_list_intro": N_("These indicator values were imputed (in any quarter scored); their scores use the "
                             "imputed values."),
    "col_method": N_("Method"),
    "treated_list_title": N_("Outlier treatment"),
    "treated_list_intro": N_("These values were treated as outliers (winsorised or log-transformed) before scoring."),
    "col_before": N_("Before"),
    "imputed_rest": N_("{n} more imputed values of other quarters ({first} to {last}) shape the trend chart; they "
                       "are not listed here."),
    "treated_rest": N_("{n:# more value|# more values} of other quarters ({first} to {last}) {n:was|were} treated as outliers for the trend "
                       "chart; {n:it is|they are} not listed here."),
    "col_after_value": N_("After"),
    "method_locf": N_("carried forward"),
    "method_none": N_("none"),
    "method_mean": N_("mean"),
    "method_median": C_("method_median", "median"),
    "method_group_mean": N_("group mean"),
    "method_group_median": N_("group median"),
    "method_targets": N_("distance to target"),
    "method_peers": N_("min-max over the peers"),
    "method_winsorise": N_("winsorised"),
    "method_log": N_("log-transformed"),
    # data quality
    "quality_box_title": N_("Data quality"),
    "quality_box_intro": N_("{n:# indicator value is|# indicator values are} doubtful and {n:was|were} not scored as read (left out of their "
                            "category, or capped as the framework says). Check the cells below and regenerate the "
                            "report:"),
    "quality_affects": N_("Affects: "),
    "quality_list_title": N_("Data-quality problems"),
    "quality_list_intro": N_("Every problem found while reading and scoring. Doubtful values were not scored as "
                             "read; values with a warning were scored as read but deserve a check."),
    "quality_none": N_("No data-quality problem was found while reading and scoring."),
    "col_level": N_("Level"),
    "col_problem": N_("Problem"),
    "level_error": N_("error"),
    "level_doubtful": N_("doubtful"),
    "level_warning": N_("warning"),
    "level_note": N_("note"),
    "verdict_doubtful": N_("Caution: this verdict rests on doubtful data: {names} ({n:# indicator value|# indicator values}) not "
                           "scored as read; check the cells listed under Data quality."),
    # data appendix
    "appendix_data": N_("Appendix 2. Data"),
    "data_intro": N_("Every raw figure behind this quarter's scores and readiness conditions, with its workbook, "
                     "sheet and cell: as written there, and converted to the canonical unit."),
    "col_no": N_("No."),
    "col_file": N_("Workbook"),
    "files_rest": N_("Listed: the workbooks of this quarter and of the quarters in the tables; {n:# more workbook|# more workbooks} of "
                     "other quarters {n:was|were} read for the trend chart and {n:is|are} not listed (the cover's data checksum "
                     "covers all {all})."),
    "col_sha": N_("SHA-256 (first 12)"),
    "col_statistic": N_("Statistic"),
    "col_as_written": N_("As written"),
    "col_converted": N_("Converted"),
    "col_where": N_("Workbook › sheet › cell"),
    "file_ref": N_("W{n}"),
    "ytd": N_("Jan–{month} {year}"),
    "end_of": N_("end {month} {year}"),
    "growth_of": N_("{span}, y/y %"),
    "growth_of_comparable": N_("{span}, y/y % (comparable prices)"),
    "growth_of_nominal": N_("{span}, y/y % (current prices)"),
    "growth_of_conventional": N_("{span}, y/y % (price basis not stated; comparable by convention)"),
    "quarter": N_("{year} Q{q}"),
    # ---- the brief (page 2), the action table and the Henan benchmark page (scorer.report.brief)
    "brief_title": N_("Brief"),
    "overview_title": N_("Scores at a glance"),
    "verdict_sentence": N_("By this estimate the zone would rank {rank} of {of} among {among} (5–95% interval "
                           "{interval}), {margins}; {verdict}."),
    "margins_join": N_(" and "),
    "brief_above": N_("{pts:# point|# points} above {what}"),
    "brief_below": N_("{pts:# point|# points} below {what}"),
    "the_bottom_line": N_("the bottom-{n} line"),
    "the_median": N_("the regional median"),
    "the_peer_median": N_("the peers' median"),
    "the_peers": N_("the peers"),
    "brief_verdict_ready": N_("every deciding condition is met"),
    "brief_verdict_pending": N_("every deciding condition the data can settle is met; {items} {remain} to be "
                                "confirmed"),
    "brief_verdict_unknown": N_("some conditions cannot be judged: {items}"),
    "brief_verdict_failed": N_("not yet met: {items}"),
    "brief_verdict_historic": N_(" (historic threshold not met, for reference only: {items})"),
    "card_overall": N_("Overall score"),
    "card_rank": N_("Central rank (est.)"),
    "card_rank_peers": N_("Rank among the peers (est.)"),
    "card_rank_value": N_("{rank}"),
    "card_rank_sub": N_("of {of}; interval {interval}"),
    "card_henan": N_("Place in {province}"),
    "card_henan_value": N_("{k}"),
    "card_henan_sub": N_("of {m} ({n:# ranked zone|# ranked zones} + this one)"),
    "card_henan_tie": N_("of {m}; level with {zones} as printed"),
    "card_bottom": N_("To bottom-{n} line"),
    "card_bottom_sub": N_("bottom-{n} line at {line}"),
    "card_ranked_score": N_("Score ranked"),
    "card_ranked_score_sub": N_("on the indicators the peers cover"),
    "readiness_ranked_on": N_(" The rank and margins above are on the score over the {k:# indicator|# indicators} the peer table "
                              "covers ({score}), not the overall score."),
    "margin_veto_to_confirm": N_("{value} this period (the count adds {other}): to confirm"),
    "brief_not_judged_why": N_(" ({why})"),
    "margins_ranked_score": N_("scoring {score} on the indicators the peers cover, "),
    "card_median": N_("To the median"),
    "card_median_peers": N_("To the peers' median"),
    "card_median_sub": N_("median {median}"),
    "card_vs": N_("{change} on the quarter"),
    "points_signed": N_("{pts:# pt|# pts}"),
    "conditions_title": N_("Upgrade conditions and margins"),
    "col_kind": N_("Kind"),
    "col_status": N_("Status"),
    "col_margin": N_("Margin (+) or shortfall (−)"),
    "col_basis_confidence": C_("col_basis_confidence", "Basis"),
    "conditions_conf_note": N_("Basis: how well sourced the condition is as a criterion for upgrading, not a check "
                               "of the zone's data."),
    "brief_role_condition": N_("rank"),
    "brief_role_veto": N_("veto"),
    "brief_role_input": N_("to confirm"),
    "brief_role_historic": N_("historic (reference)"),
    "brief_role_user": N_("user rule"),
    "status_met": C_("status_met", "met"),
    "status_met_fragile": N_("met (not across the interval)"),
    "brief_verdict_fragile": N_(", but {items} may not hold across the rank interval"),
    "status_not_met": N_("not met"),
    "status_unknown": N_("unknown"),
    "status_not_judged": N_("not judged"),  # a condition the peer set cannot decide (not the region's national zones)
    "margin_input": N_("the analyst's to confirm"),
    "margin_given": N_("given by the analyst"),
    "margin_veto": N_("{value} this period"),
    "actions_title": N_("The three actions that would raise the score and the rank most this year"),
    "action_line": N_("{no}. <b>{name} {change}</b> ({dept}, by {deadline}): {points} overall, {places}. {kind}"),
    "places_up": N_("up {n:# place|# places} (to {rank})"),
    "places_up_one": N_("up 1 place (to {rank})"),
    "places_none": N_("rank unchanged"),
    "counted": N_(" ({parts})"),
    "counted_sep": C_("counted_sep", "; "),
    "counted_raised": N_("counting {n:# indicator|# indicators}: {items}"),
    "counted_lowered": N_("net of the fall in {items}"),
    "kind_closable": N_("Closable this year."),
    "kind_nearly": N_("Nearly closable this year (the target needs {full}; this year earns {share} of its points)."),
    "kind_structural": N_("Target: {full} ({full_points}), beyond a year's reach: structural, {share} of its points "
                          "this year."),
    "no_department": N_("department to assign"),
    "actions_annual": N_(" Flows are in full-year terms: the current figure is the full-year estimate from the "
                         "{span} total (◇), and the changes are a year's."),
    "rounding_note": N_(" Because of rounding, {items} differs by 0.1 from the difference of the scores shown."),
    "actions_note": N_("Each action is scored alone; their effects do not simply add up. No action is credited "
                       "beyond its target."),
    "actions_none": N_("Within the feasible ranges, no action raises the overall score."),
    "assumed_title": N_("What is estimated or assumed"),
    "assumed_other_synthetic": N_("The {n:# peer|# peers} of the table {n:is|are} marked <b>synthetic</b>, not real zones, and are "
                                  "not declared the region's national zones: the rank is a place in that table only, "
                                  "and the bottom-5 and regional-middle conditions are not judged."),
    "assumed_peers": N_("The peers are {n} <b>synthetic</b> zones calibrated to the Ministry's central-region means, "
                        "not real zones."),
    "assumed_province": N_(" {province}'s national zones sit at their published {year} ranks, with synthetic values."),
    "assumed_scaled": N_(" Of these, {items} ({n}) have no published central figure: national means times a central "
                         "÷ national ratio, an estimate."),
    "assumed_real_peers": N_("The peers are the {n:# zone|# zones} of the user's peer table."),
    "assumed_indicators": N_("Of {n:# indicator|# indicators}, {confirmed} are confirmed as assessed, {plausible} plausibly scored "
                             "and {own} this framework's own choice; of the targets, {levels}."),
    "conf_count_low": N_("{n} are of low confidence"),
    "conf_count_medium": N_("{n} medium"),
    "conf_count_high": N_("{n} high"),
    "assumed_rules": N_("{n:# upgrade condition|# upgrade conditions}: {low} of low confidence ({historic:# historic threshold|# historic thresholds}, for "
                        "reference only), {inputs} for the analyst to confirm."),
    # a user's rules file: how many of its deciding conditions are the user's own cut-offs (bt13k F8)
    "assumed_rules_user": N_(" {n:# of them is|# of them are} the user's own rules (overall or category score cut-offs)."),
    "assumed_interval": N_("The rank interval is the 5–95% range over {b:# bootstrap resample|# bootstrap resamples} of the peers; it "
                           "leaves out the uncertainty of the targets and the calibration (an uncertainty analysis "
                           "can add them)."),
    "assumed_efforts": N_("The actions' feasible ranges, departments and deadlines are defaults for the zone to set."),
    "assumed_projected": N_("{n:# flow indicator|# flow indicators} (e.g. {items}) {n:is a|are} {span} {n:total|totals}, projected to the full year "
                            "({methods}) before comparison with annual targets; the actual year comes with the "
                            "fourth quarter's tables."),
    "assumed_current_prices": N_("{items}: a current-price rate, not net of price changes, while the target is set "
                                 "at comparable prices: the score may be too high."),
    "assumed_coverage": N_("This quarter's scores rest on fewer indicators than the other quarters': {items}; "
                           "indicators without data are left out and their category reweighted over the rest, as are "
                           "the rank and margins: not directly comparable with other quarters."),
    "assumed_peer_year": N_("This quarter's data are of {year}; the peers are calibrated to {peer_year}: the rank "
                            "compares different years and is indicative only."),
    # the province benchmark (the Henan page for Zhoukou): {province} and {year} from the peer set's placed zones
    "henan_title": N_("Beside {province}'s national zones"),
    "henan_sentence": N_("By the peer set's estimate the zone scores {score}, {between}, and would come {k} of "
                         "{m}{tie} beside the {n} {province} national zones with published {year} ranks (the zone "
                         "included). The national ranks are the Ministry's published {year} results and the central "
                         "ranks published ones (— where none is published) except the zone's, which is estimated; "
                         "the zones' scores are synthetic values placed at those ranks."),
    "henan_tie": N_(" (level with {zones} at {score} as printed, ordered by the unrounded scores)"),
    "henan_zone_source": N_("central rank estimated from the peers"),
    "henan_between": N_("between {above} (ranked {ra} nationally in {year}) and {below} (ranked {rb})"),
    "henan_top": N_("above every {province} national zone"),
    "henan_bottom": N_("below {above} (ranked {ra} nationally in {year})"),
    "brief_col_zone": C_("brief_col_zone", "Zone"),
    "col_national": N_("National rank {year}"),
    "col_central": N_("Central rank"),
    "col_estimate": N_("Peer-set score (synthetic)"),
    "brief_col_source": N_("Source of the rank"),
    "this_zone": N_("{zone} (this zone, estimated)"),
    "rank_of": N_("{rank} of {of}"),
    "rank_plain": N_("{rank}"),
    "dist_title": N_("Where the zone sits among the central region's national zones (synthetic peers)"),
    "dist_bottom": N_("bottom-{n} line {x}"),
    "dist_median": N_("median {x}"),
    "dist_note": N_("Each grey dot is a peer; red is the zone, blue {province}'s national zones placed at their "
                    "published ranks."),
    # what the Monte Carlo varies, and what it holds
    "scope_varied": N_("Varied in every draw"),
    "scope_held": N_("Held fixed (as given, or not deciding)"),
    "v_weights": N_("indicator weights ±{i}%, group weights ±{g}%"),
    "v_method": N_("{what}: one of {methods}, drawn at random in each draw"),
    "h_method": N_("{what}: {method} in every draw"),
    "w_normalisation": N_("normalisation method"),
    "w_imputation": N_("imputation method"),
    "v_measurement": N_("measurement error of ±{m}% on each raw figure of the quarter"),
    "v_targets": N_("each target within ±{h}% (high), ±{md}% (medium) or ±{lo}% (low confidence) of its "
                    "floor-to-target distance"),
    "v_peers": N_("the peers' level of each indicator ±{pl}% where set to a published central figure, ±{pa}% where "
                  "the peer model assumed it or scaled a national mean; their spread ±{ps}%"),
    "v_cutoff": N_("the regional cut-offs: the bottom-5 line for a region of {a} or {b:# zone|# zones}, the middle between "
                   "{lo}% and {hi}%"),
    "h_framework": N_("the framework itself: which indicators, their formulas, the five categories"),
    "h_history": N_("last year's and earlier published figures (measurement error falls on this quarter only)"),
    "h_missing": N_("the zone's {n:# indicator|# indicators} with no figure this quarter ({items}): left out of every draw as in the "
                    "nominal run, never filled from the peers' figures whatever the imputation method; the interval and "
                    "the chance of readiness do not include {n:it|them} (over {n:its|their} whole range the nominal overall is "
                    "{worst} to {best})"),  # bt12i F5
    "h_inputs": N_("the analyst's conditions ({items}): not drawn; as given, or pending"),
    "h_historic": N_("the historic thresholds: for reference only, never deciding"),
    "h_real_peers": N_("the peer table is real (not synthetic): its figures are used as given, not varied as "
                       "assumptions"),
    "h_peer_set": N_("the peer set's make-up (the synthetic zones and the province's national zones at their "
                     "published ranks)"),
    "h_efforts": N_("the actions' feasible ranges, costs, departments and deadlines"),
    "h_off": N_("{what} (switched off for this run)"),
    # the action table
    "table_title": N_("Action table"),
    "table_intro": N_("Each statistic the zone can move: this year's change (within a year's feasible range), the "
                      "change that reaches the target, the overall points and rank places this year's change brings "
                      "on its own, the department and the deadline. Ordered by places gained, then points."),
    "col_year": N_("This year"),
    "brief_col_full": C_("brief_col_full", "To target"),
    "col_points": N_("Points"),
    "brief_col_rank": N_("Rank"),
    "col_type": N_("Kind"),
    "col_department": N_("Department"),
    "col_deadline": N_("Deadline"),
    "type_closable": N_("closable"),
    "type_nearly": N_("nearly closable ({share} of the points)"),
    "type_structural": N_("structural ({share} of the points)"),
    "rank_move": N_("{rank} (↑{n})"),
    "rank_same": N_("{rank}"),
    "rank_change": N_(" ({move})"),  # a scenario's rank beside the baseline's: 19/56（↑2）
    "table_note": N_("“To target”: the change beyond which more earns nothing; where a statistic moves several "
                     "indicators, the change with the highest overall score. Points count every indicator the "
                     "statistic moves, so they can differ from the one-indicator table (each indicator alone). "
                     "Closable: the change to target lies within a year's feasible range; nearly closable: beyond "
                     "it, but this year's change earns at least {close} of the target's points; otherwise "
                     "structural. In brackets: the share of the target's points this year's change earns (the share "
                     "the rule uses)."),
    # exchange rates (data appendix)
    "rates_title": N_("Exchange rates"),
    "rates_intro": N_("Amounts are converted between yuan and US dollars (e.g. exports written in yuan, compared "
                      "with a threshold in dollars) at the average rate of their own year, never one fixed rate; the "
                      "rates used and their sources:"),
    "col_rate_year": N_("Year"),
    "col_rate": N_("Yuan per US$"),
    "col_rate_source": N_("Source of the rate"),
    "col_rate_values": N_("Values converted at it"),
    "rate_year": N_("{year}"),
    "rate_value": N_("{name} ({span}, {unit}) {where}"),
    "rate_rule": N_("the condition “{rule}”: {name} of {year}, compared in {unit}"),
    "rate_approximate": N_("approximate, to be confirmed"),
    "rate_confirmed": N_("confirmed"),
}

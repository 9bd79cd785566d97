"""The mistakes learners make in the course's exercises, each said once in the course's words.

A checker computes, for each of its cases, the wrong answer a misconception gives; when a
learner's answer equals one, the verdict names it with the sentence below.
"""

MISCONCEPTIONS = {
    # the neuron: net input, sigmoid, slope
    "forgot_bias": "The bias θ_j is missing: the net input is the weighted sum plus θ_j.",
    "bias_sign": "The bias has the wrong sign: I_j = Σ_i w_ij O_i + θ_j adds θ_j.",
    "bias_per_input": "The bias is added once per input: it belongs outside the sum, added once, "
                      "I_j = (Σ_i w_ij O_i) + θ_j.",
    "squashed_inputs": "The first entry, the input layer's output, is X itself: the inputs pass unchanged, "
                       "only the units above them squash their net input.",
    "exponent_sign": "That is 1 / (1 + e^(+I)), which is 1 − O: the curve falls instead of rising (look at the "
                     "exponent's sign, or for a 1 − O).",
    "denominator_unbracketed": "That is 1 + e^(−I): Python divides before it adds, so 1/1+e^(−I) is 1 plus "
                               "e^(−I); the whole denominator 1 + e^(−I) needs brackets.",
    "slope_sign": "That is −O(1 − O), the slope with its sign flipped: the sigmoid rises everywhere, so its "
                  "slope O(1 − O) is positive.",
    "slope_of_net_input": "That treats O as a net input: the argument is already the output O, so the slope is "
                          "O(1 − O), with no exponential in it.",
    "slope_half": "That is only one factor of the slope: the sigmoid's slope is O(1 − O), both factors.",
    "net_input_for_output": "Those are net inputs I, not outputs O: apply the sigmoid, O = 1 / (1 + e^(−I)).",
    "output_for_net_input": "That is the output O = 1 / (1 + e^(−I)), not the net input: I_j is the weighted "
                            "sum plus the bias, before the sigmoid squashes it.",
    "crossing_sign": "The sign is flipped: w1 x1 + θ = 0 gives x1 = −θ / w1.",
    "crossing_inverted": "That is −w / θ, upside down: solving w1 x1 + θ = 0 for x1 gives x1 = −θ / w1.",
    # error terms
    "forgot_slope": "The sigmoid's slope O_j(1 − O_j) is missing: every error term of the squared error, output "
                    "or hidden, is the slope times what comes from above.",
    "wrong_sign": "That is the right size with the wrong sign: the miss is T − O (target minus output), not "
                  "O − T; Err_j > 0 means raise I_j.",
    "slope_only": "That is the slope O(1 − O) alone: multiply it by the miss T − O.",
    "transposed": "Those are the right numbers transposed: W[i, j] = w_ij runs from unit i below (the rows) to "
                  "unit j above (the columns).",
    "weights_after_update": "That uses the weights after the update: the error terms of a step are computed with "
                            "the weights as they were before it, and all updates are applied at the end.",
    "layer_off_by_one": "That uses the weights of the neighbouring layer: the error of layer k comes through "
                        "weights[k], the weights from layer k to layer k + 1.",
    # updates
    "forgot_rate": "The learning rate l is missing: every update is l · Err_j · O_i.",
    "schedule_without_rate": "The learning rate l is missing: the rate of epoch t is l / t, not 1 / t.",
    "update_subtracted": "The update goes the wrong way: the textbook adds Δw_ij = l Err_j O_i with "
                         "Err_j = O_j(1 − O_j)(T_j − O_j); check the sign of the update and of the miss T − O.",
    "outer_reversed": "The product is the wrong way round: Δw_ij = l Err_j O_i has a row for each unit i below "
                      "and a column for each unit j above, so dW has shape (n_in, n_out).",
    "forgot_bias_update": "The bias θ is not updated: the bias learns like a weight whose input is always 1, "
                          "Δθ_j = l Err_j.",
    "change_not_new": "That is the change Δw, not the new weights: return w + Δw (and θ + Δθ).",
    "mean_not_sum": "That is the mean over the tuples: the textbook sums the tuples' updates (l times the sum, "
                    "no division by n).",
    "bias_not_summed": "Δθ is not summed over the tuples: it needs one number per unit, l Σ_tuples Err_j.",
    "case_not_epoch": "That is case updating: each tuple's update changed the weights before the next tuple. "
                      "Epoch updating computes every tuple's update with the weights of the start of the epoch, "
                      "sums them, and applies the sum once.",
    "epoch_not_case": "That is epoch updating: the updates were summed and applied once. Case updating applies "
                      "each tuple's update before the next tuple is seen.",
    "last_tuple_only": "That is the update of one tuple alone: every tuple of the epoch contributes.",
    # training loop
    "t_from_zero": "That counts epochs from t = 0: the first epoch is t = 1, so its rate is l itself.",
    "t_off_by_one": "That is one epoch off: the rate of epoch t is l / t, for t = 1, 2, ..., so it starts at l.",
    "zero_threshold_off": "A threshold of 0 is a threshold: only None turns a test off (test `is not None`, not "
                          "whether the threshold is true).",
    "lt_not_le": "The condition says at most (≤): a misclassified fraction equal to the threshold stops "
                 "training; < misses that case.",
    "le_not_lt": "The condition says below (<): a weight change equal to the threshold does not stop training.",
    "epoch_limit_off_by_one": "The epoch limit is off by one: training stops when the epoch count reaches "
                              "max_epochs (epoch >= max_epochs).",
    "ignored_condition": "One of the three conditions does not stop training on its own: stop when any one of "
                         "them holds (small weight changes, few misclassified tuples, the epoch limit), "
                         "whichever comes first.",
    "forgot_bias_count": "That counts the weights w_ij only: every unit above the inputs has a bias θ_j too, and "
                         "it is learned like a weight.",
    "bias_on_inputs": "That gives the input units biases too: only the units above the inputs have one, θ_j, "
                      "n_(k+1) of them per pair of layers.",
    "one_bias_per_layer": "That counts one bias per layer: every unit above the inputs has its own θ_j, so a "
                          "layer of n_(k+1) units brings n_(k+1) of them.",
    "counted_units": "That counts units, not weights: each pair of neighbouring layers is fully connected, "
                     "n_k · n_(k+1) weights.",
    # evaluation
    "scored_on_training_labels": "That is the baseline's accuracy on the training labels: score it on y_test, "
                                 "the labels it was not chosen from.",
    "argmax_without_axis": "Without an axis, np.argmax looks at all of O as one flat list: axis=1 gives the "
                           "largest output of each row, one prediction per tuple.",
    "largest_output_not_its_unit": "That compares the largest outputs themselves with the labels: the prediction "
                                   "is the number of the unit with the largest output (np.argmax), not its value.",
    "count_not_fraction": "That is a count: divide by the number of tuples to get a fraction between 0 and 1.",
    "counts_not_rates": "Those are counts (TP and TN): divide each by the size of its class, TP + FN for the "
                        "sensitivity and TN + FP for the specificity.",
    "percent_not_fraction": "That is a percentage: the course writes a fraction between 0 and 1 (0.25, not 25).",
    "accuracy_not_misclassified": "That is the accuracy, the fraction right; the misclassified fraction is the "
                                  "fraction wrong, 1 minus it.",
    "misclassified_not_accuracy": "That is the fraction wrong; the accuracy is the fraction right, 1 minus it.",
    "swapped_pair": "The two values are in the wrong order.",
    "precision_not_specificity": "That is the precision TP / (TP + FP); specificity is TN / (TN + FP), the share "
                                 "of the healthy that the test clears.",
    "leakage": "That scales with the statistics of all the data, training and other together: the other set "
               "leaks into the scaling. Use the training set's mean and standard deviation only.",
    "own_statistics": "Each set is scaled with its own statistics: the other set must use the training set's mean "
                      "and standard deviation, as a new patient would be.",
    "sample_std": "That divides by the sample standard deviation (n − 1); the course uses np.std's default, n.",
    "not_per_column": "That uses one mean and one standard deviation for the whole array: each column (each "
                      "feature) gets its own, computed down the column (axis=0).",
    "test_majority": "That uses the test set's majority class: only the training labels may choose the "
                     "baseline's class.",
    "fixed_class": "That always predicts class 0: the baseline's class is whichever class is most common in the "
                   "training labels, 1 if it is 1.",
    "class_not_accuracy": "That is the majority class itself; the baseline's score is the accuracy of always "
                          "predicting it.",
    "classes_from_labels": "That has a column for each class seen in y (max(y) + 1); a class missing from these "
                           "labels still needs its column: n_classes of them.",
    "targets_transposed": "That matrix is transposed: one row per tuple and one column per class, shape "
                          "(n, n_classes), like the outputs O of the network for n tuples.",
    "row_not_column": "That is row j of W, the weights out of input j; unit j's incoming weights are column j, "
                      "W[:, j].",
    "image_transposed": "The image is transposed: reshape row by row, pixel i at row i // 8, column i % 8.",
    "shuffled_apart": "The inputs and the targets were shuffled separately, so tuples lost their labels: draw "
                      "one order and use it for both, X[order] and T[order].",
    "not_shuffled": "The tuples were not shuffled: draw a new order each epoch with rng.permutation(n).",
    # vanishing and exploding gradients (09)
    "sigmoid_max_slope_half": "That uses 1/2 as the sigmoid's largest slope: O(1 − O) is largest at O = 1/2, "
                              "where it is 1/2 · 1/2 = 1/4.",
    "bound_forgot_weight": "The weight is missing: each unit passed on the way down multiplies the error term by "
                           "its slope and by the weight w_jk it sends up, |w|/4 at most.",
    "bound_signed": "A bound on the size of the error term is a positive number: use |w| and |Err|, whatever "
                    "their signs.",
    "norm_squared": "That is the squared norm: take the square root of the sum of squares.",
    "layers_reversed": "The layers are in the wrong order: the first entry is layer 1, the weights from the "
                       "inputs, and the last the output layer's, as in net.weights.",
    "norm_with_biases": "That counts the biases' gradients too: the norm here is of the weights W_m alone.",
    "sum_not_norm": "That adds the gradients up with their signs, so that opposite signs cancel: a norm squares "
                    "each entry, adds the squares and takes the root.",
    "clipped_each_layer": "Each array was clipped on its own: clipping by norm measures all the changes of the "
                          "step as one vector and scales every array by the same factor, so the step keeps its "
                          "direction.",
    "clipped_values": "That clips each number to ±max_norm (np.clip): clipping by norm scales the whole step "
                      "down by one factor, keeping its direction.",
    "always_rescaled": "A step that is already short enough stays as it is: scale only when the norm is larger "
                       "than max_norm (the factor is min(1, max_norm / norm)).",
    "bound_forgot_slope": "The slope is missing: each unit on the way down multiplies the error term by its slope "
                          "O_j(1 − O_j), at most 1/4, as well as by its weight.",
    "bound_forgot_err_top": "The top unit's error term is missing: the chain scales |Err_top|, so multiply the "
                            "factors of the steps by it.",
    "bound_actual_slope": "That uses the slope of one particular unit (such as unit 4's, 0.332 × 0.668 ≈ 0.22): a "
                          "bound must hold whatever the outputs are, so it takes the largest slope O(1 − O) can "
                          "have, 1/4.",
    "bound_added_factors": "That adds up the factors of the steps: each step down multiplies the error term by its "
                           "own factor |w|/4, so the factors multiply (a product, not a sum).",
    "bound_one_weight": "That uses one weight for every step: each step down multiplies the error term by the "
                        "weight of that step, |w|/4 with its own w.",
    "bound_step_off_by_one": "One factor too many or too few: every weight in the list is one step down and gives "
                             "one factor |w|/4, no more (an empty list is the top unit itself).",
    "bound_factor_once": "A factor is counted once for the whole chain: every step down multiplies the error term "
                         "by both its slope, at most 1/4, and its weight, so d steps give d of each.",
    "norm_with_biases_listed": "That lists the biases' gradients too: the answer has one number per weight matrix, "
                               "the norms of dW only (net.gradients returns dW, then dtheta).",
    "norm_of_biases": "Those are the norms of the biases' gradients ∂E/∂θ: the exercise asks for the weights', the "
                      "first of the two lists net.gradients returns (dW, dtheta).",
    "norm_of_weights": "Those are the norms of the weights themselves (net.weights): the exercise asks for the "
                       "norms of their gradients ∂E/∂W, from net.gradients(X, T).",
    "norm_l1": "That adds up the sizes of the entries (np.abs, an L1 norm): the norm squares each entry, adds the "
               "squares and takes the square root.",
    "norm_rms": "That is the root mean square (np.mean of the squares): the norm adds the squares (np.sum), it "
                "does not average them.",
    "norm_per_unit": "That is a norm per unit (a row or a column, np.linalg.norm with axis=): a layer's gradient "
                     "norm is one number, of all the layer's entries taken together.",
    "used_global_data": "That uses the notebook's X and y, not the arguments: a function works on what it is "
                        "given, here net.gradients(X, T) with its own X and T.",
    "clip_max_not_min": "That is max(1, max_norm / norm): it stretches a short step and keeps a long one as it is; "
                        "clipping takes the min, a factor of at most 1.",
    "clip_norm_squared": "That divides by the squared length: the length (norm) of the step is the square root of "
                         "the sum of all the squares.",
    "clip_sum_of_norms": "That adds up the arrays' own norms: the length of all the entries as one vector is the "
                         "square root of the sum of all their squares, √(Σ ‖u‖²), which is shorter.",
    "clip_forgot_max_norm": "That scales the step to length 1: to give it the length max_norm, multiply by "
                            "max_norm / norm.",
    # beyond gradient descent (12): restarts and annealing
    "failures_not_successes": "That is the fraction of restarts that did not get there (an error at or above the "
                              "threshold); the question asks for those below it.",
    "metropolis_no_cap": "For a move downhill (ΔE < 0) e^(−ΔE/T) is larger than 1, and a probability is at most 1: "
                         "a move downhill is always taken, with probability 1.",
    "metropolis_sign": "The rule is turned round (the exponent's sign, or its two cases swapped): a move that lowers "
                       "the error is always taken, one that raises it with probability e^(−ΔE/T), so that the more "
                       "it raises the error, the less likely it is taken.",
    "metropolis_times_t": "That multiplies by the temperature: the rule divides, e^(−ΔE/T), so that a hot search "
                          "(large T) takes more moves uphill and a cold one fewer.",
    "greedy_only": "That never takes a move uphill: annealing takes one with probability e^(−ΔE/T), and that is "
                   "how it climbs out of a local minimum.",
    "count_of_restarts": "That is a count: divide by the number of restarts, len(final_errors), to get a fraction "
                         "between 0 and 1.",
    "threshold_ignored": "That compares with 0.05 whatever the threshold: compare with the threshold the function "
                         "is given.",
    "integer_division": "That divides with //, which rounds down to a whole number (0 for any fraction below 1): "
                        "divide with /, which keeps the fraction.",
    "fixed_restart_count": "That divides by a fixed number of restarts (30): divide by len(final_errors), the "
                           "number of restarts this call was given.",
    "decision_not_probability": "That is the decision, True or False (u < P for one random u): return the "
                                "probability P itself, the number that u is compared with.",
    "metropolis_complement": "That is 1 − e^(−ΔE/T), the probability of refusing the move: a move uphill is taken "
                             "with probability e^(−ΔE/T).",
    "metropolis_inverted": "The fraction in the exponent is upside down: it is −ΔE/T, the change of the error "
                           "divided by the temperature.",
    # automatic differentiation (11)
    "forgot_upstream": "The upstream gradient is missing: a node sends back its local derivative times the gradient "
                       "that reached it from above, ∂E/∂input = ∂node/∂input · ∂E/∂node.",
    "overwrote_gradient": "A gradient was overwritten instead of added to: a node used more than once receives a "
                          "share along each of its uses, and its gradient is their sum (+=, not =).",
    "forward_order": "The nodes were visited from the inputs up: the backward pass visits them from the output "
                     "down (reverse topological order), so that a node's gradient is complete before it is "
                     "passed on.",
    "gradient_sign": "A sign is flipped: a node sends its local derivative times the gradient from above, and "
                     "nothing more; no minus sign is added on the way (the minus of Err_j = −∂E/∂I_j belongs to "
                     "the error term, not to the backward rule).",
    "sum_rule_for_product": "That is the rule of a sum, which passes grad unchanged to each input: a product's "
                            "local derivative with respect to one factor is the other factor, ∂(a · b)/∂a = b.",
    "divided_not_multiplied": "That divides where the rule multiplies: a node sends each input its local "
                              "derivative times the gradient from above, ∂E/∂input = local derivative × grad.",
    "slope_plus": "That is O(1 + O): the sigmoid's slope is O(1 − O), with a minus.",
    "target_formula": "That is the output unit's error term O(1 − O)(T − O) with the target T = 1 (or its "
                      "negative): a sigmoid node knows no target; it multiplies its slope O(1 − O) by the "
                      "gradient that reached it, grad.",
    "dropped_repeat": "An input listed twice by one node was counted once: in x · x the node lists x twice, and "
                      "each listing is a use that sends its own share, so both shares are added.",
    "no_seed": "Every gradient is 0: the pass starts from the output's gradient with respect to itself, "
               "grad[n − 1] = 1, and every other gradient is built from it.",
    "nothing_sent": "Only the output has a gradient: nothing was passed down from it. The loop starts at the "
                    "output itself, k = n − 1, and each node k sends to its inputs p, grad[p] += d · grad[k] "
                    "(not grad[k] += d · grad[p]).",
    "all_started_at_one": "Every gradient started at 1: only the output's does (∂output/∂output = 1); the others "
                          "start at 0 and collect what the nodes that use them send.",
    "forgot_local": "The local derivative is missing: a node sends each input its own gradient times the local "
                    "derivative d, not its gradient alone.",
    "reversed_list": "Those are the right gradients in reverse order: grad[k] belongs to node k, so grad[0] is node "
                     "0 (an input) and the last, grad[n − 1] = 1, the output.",
    # recurrent nets (10)
    "forgot_recurrent": "The recurrent term is missing: a hidden unit's net input at time t also sums the hidden "
                        "outputs of time t − 1, Σ_h w_hj O_h(t − 1), through W_rec; that is the network's memory.",
    "forgot_next_step": "The term from the next step is missing: O_j(t) also fed the hidden units at t + 1, so "
                        "Err_j(t) adds Σ_m Err_m(t + 1) w_jm, sent back through W_rec.",
    "forgot_output_term": "The term from the output units at time t is missing: O_j(t) feeds them too, so "
                          "Err_j(t) adds Σ_k Err_k(t) w_jk, sent back through W_out.",
    "context_without_weights": "The context is added as it is: the hidden outputs of t − 1 reach unit j through "
                               "the recurrent weights, Σ_h w_hj O_h(t − 1) with W_rec, as the inputs come through "
                               "W_in.",
    "tanh_not_sigmoid": "That squashes with tanh, whose outputs lie between −1 and 1: the units here are the "
                        "textbook's sigmoid units, O = 1 / (1 + e^(−I)), between 0 and 1.",
    "returned_net_input_too": "That returns two things, the net inputs I and the outputs O: return the outputs O "
                              "alone.",
    "recurrent_transposed": "That uses W_rec the wrong way round: W_rec[h, j] = w_hj runs from hidden unit h at "
                            "t − 1 (row h) to hidden unit j at t (column j). Forward, unit j collects down its "
                            "column, the weights into it; back, unit j at t collects along its row, from the units "
                            "m it fed at t + 1.",
    "gradient_not_error_term": "That is ∂E/∂I_j(t), the derivative of the error: the error term is its negative, "
                               "Err = −∂E/∂I. With the error terms Err_k(t) and Err_m(t + 1) in the bracket, the "
                               "signs are already right: no minus sign is needed.",
    "slope_outputs_only": "The slope O_j(t)(1 − O_j(t)) multiplies only the term from the outputs: it multiplies "
                          "the whole bracket. Err_m(t + 1) holds the slope of unit m at t + 1, but the way back "
                          "to I_j(t) also passes through O_j(t), whose slope is O_j(t)(1 − O_j(t)).",
    "slope_twice": "The term from t + 1 gets a slope twice: O_j(t)(1 − O_j(t)) multiplies the bracket once, for "
                   "both terms, and Err_m(t + 1) needs nothing more (it holds the slope of unit m at t + 1).",
    "recurrent_term_sign": "The term from t + 1 is subtracted: Err_m(t + 1) = −∂E/∂I_m(t + 1) has the same sign "
                           "as Err_k(t), so the two sums are added.",
    "summed_all_units": "Every hidden unit got the same number: np.sum without axis= added over the units j too. "
                        "Σ_k Err_k(t) w_jk is one sum for each hidden unit j, along row j of W_out (and "
                        "Σ_m Err_m(t + 1) w_jm along row j of W_rec).",
    # the machinery's own (named by _core)
    "changed_argument": "An exercise must not change what it is given.",
    "state_between_calls": "Something is kept between calls (a global, or a default argument such as dW=[]): "
                           "start every sum at zero inside the function.",
}

# the mistakes that are a matrix the wrong way round: a verdict names them once, without the
# shape's own "is your matrix transposed?"
TRANSPOSITIONS = {"transposed", "targets_transposed", "image_transposed"}

/** This feature's Swedish words, added to the dictionary when its chunk loads (not in the login page's JavaScript). */
import { addWords } from '@/lib/i18n';
import { svWorkSummary } from '@/lib/i18n/sv-summary';

addWords(svWorkSummary);

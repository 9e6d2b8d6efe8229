import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Survey } from './survey.entity';

@ObjectType()
export class SurveyConnection extends Connection(Survey) {}
